package org.lianfang.registry.person.colour;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lianfang.contracts.quarantine.QuarantineKind;
import org.lianfang.contracts.registry.CausingEvent;
import org.lianfang.contracts.registry.ColourOverrideLifted;
import org.lianfang.contracts.registry.ColourOverrideSet;
import org.lianfang.contracts.registry.Origin;
import org.lianfang.contracts.registry.PersonDetailsCorrected;
import org.lianfang.contracts.registry.PersonId;
import org.lianfang.contracts.registry.PersonRegistered;
import org.lianfang.contracts.registry.PersonVerified;
import org.lianfang.contracts.registry.QuarantineBreachNoted;
import org.lianfang.contracts.registry.QuarantineEndNoted;
import org.lianfang.contracts.registry.QuarantineEnding;
import org.lianfang.contracts.registry.QuarantineStartNoted;
import org.lianfang.contracts.registry.RegistrationSource;
import org.lianfang.contracts.registry.ResidentIdNumber;
import org.lianfang.contracts.registry.RiskColour;
import org.lianfang.contracts.registry.RiskColourChanged;
import org.lianfang.contracts.registry.TraceCallOutcome;
import org.lianfang.contracts.registry.TraceCallRecorded;
import org.lianfang.contracts.registry.UnregisteredArrivalFlagged;

/** The fold outside the aggregate reads a person's events into the same facts the aggregate keeps. */
class PersonFactsFoldTest {

    private static final PersonId ID = PersonId.of("p-1");
    private static final Instant AT = Instant.parse("2020-01-24T01:00:00Z");

    @Test
    void everyFactTheRulesReadIsFoldedFromItsEvent() {
        PersonFactsFold fold = new PersonFactsFold();
        List.of(new PersonRegistered(ID, "张三", new ResidentIdNumber("41132419800101123X"), null, Origin.ELSEWHERE,
                        LocalDate.of(2020, 1, 24), "安国小区", null, null, RegistrationSource.COUNTY_LIST, AT, null,
                        "registrar-1"),
                new PersonDetailsCorrected(ID, List.of("origin", "hubeiContact"), null, null, Origin.WUHAN, null, null,
                        null, null, true, "registrar-2", at(1)),
                new TraceCallRecorded(ID, TraceCallOutcome.UNREACHABLE, "caller-1", at(2), null),
                new TraceCallRecorded(ID, TraceCallOutcome.REACHED, "caller-2", at(3), null),
                new PersonVerified(ID, true, "verifier-1", at(4)),
                new QuarantineStartNoted(ID, "case-1", QuarantineKind.HOME, at(99), "q-1", at(5)),
                new QuarantineBreachNoted(ID, "crossing-1", "north-gate", "case-1", "RULE", "g1", "c-1", at(6)),
                new UnregisteredArrivalFlagged(ID, "crossing-2", "north-gate", "why", "武汉", null, "c-2", at(7)),
                new QuarantineEndNoted(ID, "case-1", QuarantineEnding.COMPLETED, "served", "q-2", at(8)),
                new ColourOverrideSet(ID, RiskColour.RED, "x", "secretary-1", at(9)),
                new ColourOverrideLifted(ID, "y", "secretary-1", at(10)),
                new RiskColourChanged(ID, RiskColour.RED, RiskColour.GREEN, "QUARANTINE_ENDED", "v1", "why", null,
                        new CausingEvent("ColourOverrideLifted", 11), at(10))).forEach(fold::apply);

        PersonFacts facts = fold.facts();

        assertThat(facts.origin()).isEqualTo(Origin.WUHAN);
        assertThat(facts.hubeiContact()).isTrue();
        assertThat(facts.source()).isEqualTo(RegistrationSource.COUNTY_LIST);
        assertThat(facts.traceCalls()).extracting(PersonFacts.TraceCall::outcome)
                .containsExactly(TraceCallOutcome.UNREACHABLE, TraceCallOutcome.REACHED);
        assertThat(facts.verification()).isEqualTo(new PersonFacts.Verification("verifier-1", at(4)));
        assertThat(facts.inHomeQuarantine()).isTrue();
        assertThat(facts.quarantine()).isEqualTo(new PersonFacts.Quarantine("case-1", QuarantineKind.HOME, at(5),
                at(8), QuarantineEnding.COMPLETED));
        assertThat(facts.breach()).isEqualTo(new PersonFacts.Breach("crossing-1", "north-gate", "RULE", at(6)));
        assertThat(facts.unregisteredArrival().crossingId()).isEqualTo("crossing-2");
        assertThat(facts.override()).isNull();
        assertThat(fold.colour()).isEqualTo(RiskColour.GREEN);
        assertThat(fold.rule()).isEqualTo("QUARANTINE_ENDED");
        assertThat(fold.compound()).isEqualTo("安国小区");
    }

    private static Instant at(int minutes) {
        return AT.plusSeconds(60L * minutes);
    }
}
