package org.lianfang.registry.person.command;

import java.time.Duration;
import java.time.Instant;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.hamcrest.CustomTypeSafeMatcher;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.lianfang.contracts.RuleViolationException;
import org.lianfang.contracts.registry.ApplyColourRulesCommand;
import org.lianfang.contracts.registry.ColourRulesApplied;
import org.lianfang.registry.person.colour.ColourRuleParameters;
import org.lianfang.registry.person.colour.ColourRulesInForce;
import org.lianfang.registry.person.colour.RiskColourPolicy;

/** Which versions of the colour rules may be applied, as a table: the configured defaults are {@code v1}, 24 h, 3. */
class ColourRulesTest {

    private static final Instant AT = Instant.parse("2020-02-01T08:00:00Z");
    private static final String ZONE = ColourRuleParameters.DEFAULTS.zone().getId();
    private static final ColourRulesApplied V2 = new ColourRulesApplied("v2", Duration.ofHours(12), 3, ZONE, "v1",
            "stricter", "admin-1", AT);

    private FixtureConfiguration<ColourRules> fixture;

    @BeforeEach
    void fixture() {
        fixture = new AggregateTestFixture<>(ColourRules.class);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            // case                                  | v2 applied | version | deadline | attempts | outcome
            "a first new version is applied            | false | v2 | PT12H | 3 | applied",
            "the configured version name is taken      | false | v1 | PT12H | 3 | colour-rules-version-taken",
            "the defaults again change nothing         | false | v2 | PT24H | 3 | colour-rules-unchanged",
            "the same version again is a no-op         | true  | v2 | PT12H | 3 | no-op",
            "the same name for other numbers conflicts | true  | v2 | PT12H | 2 | colour-rules-version-taken",
            "the configured name stays taken           | true  | v1 | PT24H | 3 | colour-rules-version-taken",
            "the numbers in force are no new version   | true  | v3 | PT12H | 3 | colour-rules-unchanged",
            "going back to the defaults is a version   | true  | v3 | PT24H | 3 | applied",
    })
    void applying(String description, boolean v2Applied, String version, Duration deadline, int attempts,
            String outcome) {
        ColourRuleParameters inForce = v2Applied
                ? new ColourRuleParameters(Duration.ofHours(12), 3, ColourRuleParameters.DEFAULTS.zone(), "v2")
                : ColourRuleParameters.DEFAULTS;
        fixture.registerInjectableResource((ColourRulesInForce) () -> new RiskColourPolicy(inForce));
        ApplyColourRulesCommand command = new ApplyColourRulesCommand(ApplyColourRulesCommand.RULES_ID, version,
                deadline, attempts, ZONE, "because", "admin-1", AT.plusSeconds(60));
        var given = v2Applied ? fixture.given(V2) : fixture.givenNoPriorActivity();
        var then = given.when(command);
        switch (outcome) {
            case "applied" -> then.expectSuccessfulHandlerExecution().expectResultMessagePayload(true)
                    .expectEvents(new ColourRulesApplied(version, deadline, attempts, ZONE, inForce.version(),
                            "because", "admin-1", AT.plusSeconds(60)));
            case "no-op" -> then.expectSuccessfulHandlerExecution().expectResultMessagePayload(false).expectNoEvents();
            default -> then.expectNoEvents().expectException(
                    new CustomTypeSafeMatcher<RuleViolationException>("a violation of " + outcome) {
                        @Override
                        protected boolean matchesSafely(RuleViolationException e) {
                            return e.rule().equals(outcome);
                        }
                    });
        }
    }
}
