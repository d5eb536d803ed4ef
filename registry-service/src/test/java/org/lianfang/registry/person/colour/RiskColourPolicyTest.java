package org.lianfang.registry.person.colour;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lianfang.contracts.registry.RiskColour.BLUE;
import static org.lianfang.contracts.registry.RiskColour.GREEN;
import static org.lianfang.contracts.registry.RiskColour.RED;
import static org.lianfang.contracts.registry.RiskColour.YELLOW;
import static org.lianfang.contracts.registry.TraceCallOutcome.REACHED;
import static org.lianfang.contracts.registry.TraceCallOutcome.REFUSED;
import static org.lianfang.contracts.registry.TraceCallOutcome.UNREACHABLE;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.lianfang.contracts.quarantine.QuarantineKind;
import org.lianfang.contracts.registry.ColourOwner;
import org.lianfang.contracts.registry.Origin;
import org.lianfang.contracts.registry.OwnerRole;
import org.lianfang.contracts.registry.QuarantineEnding;
import org.lianfang.contracts.registry.RegistrationSource;
import org.lianfang.contracts.registry.RiskColour;
import org.lianfang.contracts.registry.TraceCallOutcome;

/** The four-colour rules, one row per rule and per edge. */
class RiskColourPolicyTest {

    private static final RiskColourPolicy POLICY = new RiskColourPolicy(ColourRuleParameters.DEFAULTS);
    /** Arrival on 2020-01-24 in Asia/Shanghai starts at 2020-01-23T16:00Z; the deadline is 24 h later. */
    private static final LocalDate ARRIVAL = LocalDate.of(2020, 1, 24);
    private static final Instant DEADLINE = Instant.parse("2020-01-24T16:00:00Z");
    private static final Instant IN_TIME = Instant.parse("2020-01-24T02:00:00Z");

    private static PersonFacts wuhan(UnaryOperator<Builder> changes) {
        return changes.apply(new Builder(Origin.WUHAN)).build();
    }

    static Stream<Arguments> rules() {
        return Stream.of(
                row("override wins over everything", wuhan(b -> b.calls(UNREACHABLE, UNREACHABLE, UNREACHABLE)
                        .override(GREEN, "known to be at the hospital")), IN_TIME, GREEN, ColourRule.MANUAL_OVERRIDE, null),
                row("yellow override names its actor", wuhan(b -> b.override(YELLOW, "checking again")), IN_TIME,
                        YELLOW, ColourRule.MANUAL_OVERRIDE, "secretary-1"),
                row("departed is blue even after refusing", wuhan(b -> b.calls(REFUSED).departed("郑州")),
                        IN_TIME, BLUE, ColourRule.DEPARTED, null),
                row("latest call refused", wuhan(b -> b.calls(REACHED, REFUSED)), IN_TIME, RED, ColourRule.REFUSED, null),
                row("refused earlier, reached since", wuhan(b -> b.calls(REFUSED, REACHED)), IN_TIME, YELLOW,
                        ColourRule.REACHED_BEING_VERIFIED, "caller-2"),
                row("3 unreachable calls", wuhan(b -> b.calls(UNREACHABLE, UNREACHABLE, UNREACHABLE)), IN_TIME, RED,
                        ColourRule.UNREACHABLE, null),
                row("2 unreachable calls are not enough", wuhan(b -> b.calls(UNREACHABLE, UNREACHABLE)), IN_TIME,
                        YELLOW, ColourRule.AWAITING_CONTACT, "registrar-1"),
                row("unreachable calls count only in a row", wuhan(b -> b.calls(UNREACHABLE, UNREACHABLE, REACHED,
                        UNREACHABLE)), IN_TIME, YELLOW, ColourRule.REACHED_BEING_VERIFIED, "caller-3"),
                row("3 unreachable after verification is red", wuhan(b -> b.verified(true)
                        .calls(UNREACHABLE, UNREACHABLE, UNREACHABLE)), IN_TIME, RED, ColourRule.UNREACHABLE, null),
                row("verified in home quarantine", wuhan(b -> b.calls(REACHED).verified(true)), IN_TIME, BLUE,
                        ColourRule.VERIFIED_IN_HOME_QUARANTINE, null),
                row("verified late reporter in quarantine is blue", wuhan(b -> b.registeredAt(DEADLINE.plusSeconds(60))
                        .verified(true)), DEADLINE.plusSeconds(3600), BLUE, ColourRule.VERIFIED_IN_HOME_QUARANTINE, null),
                row("verified, not in quarantine, named verifier", wuhan(b -> b.calls(REACHED).verified(false)),
                        IN_TIME, YELLOW, ColourRule.REACHED_BEING_VERIFIED, "verifier-1"),
                row("self-reported exactly at the deadline is in time", wuhan(b -> b.registeredAt(DEADLINE)),
                        DEADLINE, YELLOW, ColourRule.AWAITING_CONTACT, "registrar-1"),
                row("self-reported a second after the deadline", wuhan(b -> b.registeredAt(DEADLINE.plusSeconds(1))),
                        DEADLINE.plusSeconds(1), RED, ColourRule.NOT_REPORTED_IN_TIME, null),
                row("late reporter stays red when reached", wuhan(b -> b.registeredAt(DEADLINE.plusSeconds(1))
                        .calls(REACHED)), DEADLINE.plusSeconds(7200), RED, ColourRule.NOT_REPORTED_IN_TIME, null),
                row("county list, not reached, deadline not passed", wuhan(b -> b.source(RegistrationSource.COUNTY_LIST)),
                        DEADLINE, YELLOW, ColourRule.AWAITING_CONTACT, "registrar-1"),
                row("county list, not reached, deadline passed", wuhan(b -> b.source(RegistrationSource.COUNTY_LIST)),
                        DEADLINE.plusSeconds(1), RED, ColourRule.NOT_REPORTED_IN_TIME, null),
                row("county list, reached before the deadline", wuhan(b -> b.source(RegistrationSource.COUNTY_LIST)
                        .calls(REACHED)), DEADLINE.plus(Duration.ofDays(3)), YELLOW, ColourRule.REACHED_BEING_VERIFIED,
                        "caller-1"),
                row("checkpoint find counts as not reported", wuhan(b -> b.source(RegistrationSource.CHECKPOINT)),
                        DEADLINE.plusSeconds(1), RED, ColourRule.NOT_REPORTED_IN_TIME, null),
                row("elsewhere in Hubei traced like Wuhan", new Builder(Origin.HUBEI_OTHER).build(), IN_TIME, YELLOW,
                        ColourRule.AWAITING_CONTACT, "registrar-1"),
                row("elsewhere without contact is green", new Builder(Origin.ELSEWHERE).registeredAt(DEADLINE.plusSeconds(9))
                        .build(), DEADLINE.plusSeconds(9), GREEN, ColourRule.NO_HUBEI_CONTACT, null),
                row("elsewhere with Hubei contact is traced", new Builder(Origin.ELSEWHERE).hubeiContact(true).build(),
                        IN_TIME, YELLOW, ColourRule.AWAITING_CONTACT, "registrar-1"),
                row("local resident is green", new Builder(Origin.LOCAL).arrival(null).build(), IN_TIME, GREEN,
                        ColourRule.NO_HUBEI_CONTACT, null),
                row("green person refusing is red", new Builder(Origin.ELSEWHERE).calls(REFUSED).build(), IN_TIME, RED,
                        ColourRule.REFUSED, null),
                row("breach attempt is red, even in quarantine", wuhan(b -> b.calls(REACHED).verified(true)
                        .quarantine(null).breach(6000)), IN_TIME, RED, ColourRule.QUARANTINE_BREACH_ATTEMPTED, null),
                row("breach attempt wins over departure", wuhan(b -> b.departed("郑州").breach(6000)), IN_TIME, RED,
                        ColourRule.QUARANTINE_BREACH_ATTEMPTED, null),
                row("verified again after the breach: rules decide again", wuhan(b -> b.quarantine(null).breach(2000)
                        .verified(true)), IN_TIME, BLUE, ColourRule.IN_QUARANTINE, null),
                row("case ended after the breach: rules decide again", wuhan(b -> b.breach(2000)
                        .quarantine(Instant.parse("2020-02-07T16:00:00Z"))), IN_TIME, GREEN,
                        ColourRule.QUARANTINE_ENDED, null),
                row("override wins over a breach", wuhan(b -> b.breach(2000).override(BLUE, "went to hospital")),
                        IN_TIME, BLUE, ColourRule.MANUAL_OVERRIDE, null),
                row("quarantine started, self-reported: blue", wuhan(b -> b.quarantine(null)), IN_TIME, BLUE,
                        ColourRule.IN_QUARANTINE, null),
                row("quarantine started, reached: blue", wuhan(b -> b.source(RegistrationSource.COUNTY_LIST)
                        .calls(REACHED).quarantine(null)), IN_TIME, BLUE, ColourRule.IN_QUARANTINE, null),
                row("quarantine started for a county-list person never reached: yellow", wuhan(b -> b
                        .source(RegistrationSource.COUNTY_LIST).quarantine(null)), IN_TIME, YELLOW,
                        ColourRule.AWAITING_CONTACT, "registrar-1"),
                row("quarantine started, never reached, deadline passed: red", wuhan(b -> b
                        .source(RegistrationSource.COUNTY_LIST).quarantine(null)), DEADLINE.plusSeconds(1), RED,
                        ColourRule.NOT_REPORTED_IN_TIME, null),
                row("in quarantine but 3 unreachable calls: red", wuhan(b -> b.quarantine(null)
                        .calls(UNREACHABLE, UNREACHABLE, UNREACHABLE)), IN_TIME, RED, ColourRule.UNREACHABLE, null),
                row("quarantine outranks a late report", wuhan(b -> b.registeredAt(DEADLINE.plusSeconds(1))
                        .quarantine(null)), DEADLINE.plusSeconds(60), BLUE, ColourRule.IN_QUARANTINE, null),
                row("quarantine ended: green, even after home-quarantine verification", wuhan(b -> b.verified(true)
                        .quarantine(Instant.parse("2020-02-07T16:00:00Z"))), IN_TIME, GREEN,
                        ColourRule.QUARANTINE_ENDED, null),
                row("verified in home quarantine after the case ended: blue", wuhan(b -> b
                        .quarantine(Instant.parse("2020-01-24T01:30:00Z")).verified(true)), IN_TIME, BLUE,
                        ColourRule.VERIFIED_IN_HOME_QUARANTINE, null),
                row("unregistered arrival (checkpoint) is red at once", wuhan(b -> b
                        .source(RegistrationSource.CHECKPOINT).unregisteredArrival(0)), IN_TIME, RED,
                        ColourRule.UNREGISTERED_ARRIVAL, null),
                row("unregistered arrival from elsewhere is red too", new Builder(Origin.ELSEWHERE)
                        .source(RegistrationSource.CHECKPOINT).unregisteredArrival(0).build(), IN_TIME, RED,
                        ColourRule.UNREGISTERED_ARRIVAL, null),
                row("flagged person reached since: rules decide again", wuhan(b -> b
                        .source(RegistrationSource.CHECKPOINT).unregisteredArrival(0).calls(REACHED)), IN_TIME,
                        YELLOW, ColourRule.REACHED_BEING_VERIFIED, "caller-1"),
                row("flagged while in quarantine, not reached since: red", wuhan(b -> b.calls(REACHED)
                        .quarantine(null).unregisteredArrival(600)), IN_TIME, RED, ColourRule.UNREGISTERED_ARRIVAL,
                        null),
                row("lifted override: rules decide again", wuhan(b -> b.calls(UNREACHABLE, UNREACHABLE, UNREACHABLE)),
                        IN_TIME, RED, ColourRule.UNREACHABLE, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void eachRuleDecidesItsColourAndOwner(String description, PersonFacts facts, Instant now, RiskColour colour,
            ColourRule rule, String namedStaff) {
        ColourAssessment assessment = POLICY.assess(facts, now);

        assertThat(assessment.colour()).isEqualTo(colour);
        assertThat(assessment.rule()).isEqualTo(rule);
        assertThat(assessment.owner()).isEqualTo(RiskColourPolicy.ownerOf(colour, namedStaff));
        assertThat(assessment.reason()).isNotBlank();
    }

    @Test
    void theOwnersAreTheCommunityRolesOfEachColour() {
        assertThat(RiskColourPolicy.ownerOf(RED, "x")).isEqualTo(
                new ColourOwner(List.of(OwnerRole.PARTY_SECRETARY, OwnerRole.LEADER_IN_CHARGE), null));
        assertThat(RiskColourPolicy.ownerOf(YELLOW, "caller-1")).isEqualTo(
                new ColourOwner(List.of(OwnerRole.NAMED_STAFF), "caller-1"));
        assertThat(RiskColourPolicy.ownerOf(BLUE, null)).isEqualTo(
                new ColourOwner(List.of(OwnerRole.TEMPERATURE_MEDIC, OwnerRole.RESPONSIBLE_PERSON), null));
        assertThat(RiskColourPolicy.ownerOf(GREEN, null)).isEqualTo(new ColourOwner(List.of(OwnerRole.GRID_TEAM), null));
    }

    @Test
    void theParametersChangeTheRules() {
        RiskColourPolicy strict = new RiskColourPolicy(
                new ColourRuleParameters(Duration.ofHours(12), 2, ZoneId.of("Asia/Shanghai"), "v2"));
        PersonFacts twoUnreachable = wuhan(b -> b.calls(UNREACHABLE, UNREACHABLE));
        PersonFacts registeredAfterTwelveHours = wuhan(b -> b.registeredAt(Instant.parse("2020-01-24T04:00:01Z")));

        assertThat(strict.assess(twoUnreachable, IN_TIME).rule()).isEqualTo(ColourRule.UNREACHABLE);
        assertThat(strict.assess(registeredAfterTwelveHours, IN_TIME).rule()).isEqualTo(ColourRule.NOT_REPORTED_IN_TIME);
        assertThat(POLICY.assess(registeredAfterTwelveHours, IN_TIME).rule()).isEqualTo(ColourRule.AWAITING_CONTACT);
    }

    @Test
    void theDeadlineIsTheStartOfTheArrivalDayInTheCommunitysZonePlusTheWindow() {
        assertThat(POLICY.reportDeadline(wuhan(b -> b))).contains(DEADLINE);
        assertThat(POLICY.reportDeadline(new Builder(Origin.ELSEWHERE).build())).isEmpty();
    }

    private static Arguments row(String description, PersonFacts facts, Instant now, RiskColour colour,
            ColourRule rule, String namedStaff) {
        return Arguments.of(description, facts, now, colour, rule, namedStaff);
    }

    /** A registered person from {@code origin}, self-reported in time, to be changed per row. */
    private static final class Builder {
        private final Origin origin;
        private LocalDate arrival = ARRIVAL;
        private Boolean hubeiContact;
        private RegistrationSource source = RegistrationSource.SELF_REPORTED;
        private Instant registeredAt = Instant.parse("2020-01-24T01:00:00Z");
        private final List<PersonFacts.TraceCall> calls = new ArrayList<>();
        private PersonFacts.Verification verification;
        private boolean inHomeQuarantine;
        private PersonFacts.Departure departure;
        private PersonFacts.Override override;
        private PersonFacts.Quarantine quarantine;
        private PersonFacts.Breach breach;
        private PersonFacts.UnregisteredArrival unregisteredArrival;

        Builder(Origin origin) {
            this.origin = origin;
        }

        Builder arrival(LocalDate value) {
            arrival = value;
            return this;
        }

        Builder hubeiContact(boolean value) {
            hubeiContact = value;
            return this;
        }

        Builder source(RegistrationSource value) {
            source = value;
            return this;
        }

        Builder registeredAt(Instant value) {
            registeredAt = value;
            return this;
        }

        /** Calls one minute apart after registration, by caller-1, caller-2, … */
        Builder calls(TraceCallOutcome... outcomes) {
            for (TraceCallOutcome outcome : outcomes) {
                int n = calls.size() + 1;
                calls.add(new PersonFacts.TraceCall(outcome, "caller-" + n, registeredAt.plusSeconds(60L * n)));
            }
            return this;
        }

        Builder verified(boolean quarantine) {
            verification = new PersonFacts.Verification("verifier-1", registeredAt.plusSeconds(3000));
            inHomeQuarantine = quarantine;
            return this;
        }

        Builder departed(String destination) {
            departure = new PersonFacts.Departure(destination, registeredAt.plusSeconds(4000));
            return this;
        }

        Builder override(RiskColour colour, String reason) {
            override = new PersonFacts.Override(colour, reason, "secretary-1", registeredAt.plusSeconds(5000));
            return this;
        }

        /** A home quarantine case started 20 minutes after registration, ended at {@code endedAt} if given. */
        Builder quarantine(Instant endedAt) {
            quarantine = new PersonFacts.Quarantine("case-1", QuarantineKind.HOME, registeredAt.plusSeconds(1200),
                    endedAt, endedAt == null ? null : QuarantineEnding.COMPLETED);
            return this;
        }

        Builder breach(long secondsAfterRegistration) {
            breach = new PersonFacts.Breach("crossing-1", "north-gate", "IN_QUARANTINE_MAY_NOT_LEAVE",
                    registeredAt.plusSeconds(secondsAfterRegistration));
            return this;
        }

        Builder unregisteredArrival(long secondsAfterRegistration) {
            unregisteredArrival = new PersonFacts.UnregisteredArrival("crossing-2", "north-gate",
                    "unknown to the registry", registeredAt.plusSeconds(secondsAfterRegistration));
            return this;
        }

        PersonFacts build() {
            return new PersonFacts(origin, arrival, hubeiContact, source, registeredAt, "registrar-1", calls,
                    verification, inHomeQuarantine, departure, override, quarantine, breach, unregisteredArrival);
        }
    }
}
