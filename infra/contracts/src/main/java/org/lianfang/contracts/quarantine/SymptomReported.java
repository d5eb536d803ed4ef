package org.lianfang.contracts.quarantine;

import java.time.Instant;
import java.util.List;
import org.lianfang.contracts.PersonScoped;
import org.lianfang.contracts.privacy.DataSubject;
import org.lianfang.contracts.privacy.PersonalData;

/**
 * Symptoms were reported for a quarantined person (cough, fatigue, …).
 *
 * @param symptoms   what was observed, as free words
 * @param notes      anything else, or null
 * @param reportedBy who reported it
 */
public record SymptomReported(
        QuarantineCaseId caseId,
        @DataSubject String personId,
        List<String> symptoms,
        @PersonalData String notes,
        String reportedBy,
        Instant occurredAt,
        Instant recordedAt) implements PersonScoped {

    public SymptomReported {
        symptoms = List.copyOf(symptoms);
    }

    @Override
    public List<String> personIds() {
        return List.of(personId);
    }
}
