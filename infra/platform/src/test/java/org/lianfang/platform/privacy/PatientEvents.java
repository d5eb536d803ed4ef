package org.lianfang.platform.privacy;

import java.util.List;
import org.lianfang.contracts.PersonScoped;
import org.lianfang.contracts.privacy.DataSubject;
import org.lianfang.contracts.privacy.PersonalData;
import org.lianfang.contracts.privacy.PurposeEnds;
import org.lianfang.contracts.privacy.PurposeStarts;
import org.lianfang.contracts.registry.ResidentIdNumber;

/** Small events with personal data, the way contract events carry it. */
final class PatientEvents {

    private PatientEvents() {
    }

    /** Personal text, a personal value object, and plain statistics (ward, age band). */
    record PatientAdmitted(@DataSubject String personId, @PersonalData String name,
                           @PersonalData ResidentIdNumber idNumber, @PersonalData String phone,
                           String ward, int ageBand) {
    }

    /** Subject found through {@code PersonScoped}; a free-text note. */
    @PurposeStarts("quarantine")
    record QuarantineBegan(String personId, String ward, @PersonalData String note) implements PersonScoped {
        @Override
        public List<String> personIds() {
            return List.of(personId);
        }
    }

    @PurposeEnds("quarantine")
    record QuarantineFinished(String personId, @PersonalData String note) implements PersonScoped {
        @Override
        public List<String> personIds() {
            return List.of(personId);
        }
    }

    @PurposeStarts("visit")
    record VisitBegan(String personId, @PersonalData String name) implements PersonScoped {
        @Override
        public List<String> personIds() {
            return List.of(personId);
        }
    }

    @PurposeEnds("visit")
    record VisitEnded(String personId) implements PersonScoped {
        @Override
        public List<String> personIds() {
            return List.of(personId);
        }
    }

    /** Two persons and no subject named: refused rather than stored in plain text. */
    record Ambiguous(List<String> personIds, @PersonalData String address) implements PersonScoped {
    }
}
