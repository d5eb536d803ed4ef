package org.lianfang.registry.countylist.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Optional;
import org.bson.Document;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What a county list entry must satisfy to become a person, one row per rule. */
class CountyListEntryRulesTest {

    private static final LocalDate TODAY = LocalDate.of(2020, 1, 28);

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "null", value = {
            "a complete entry           | residentIdNumber | 410101199102020010 | null",
            "lower-case x accepted      | residentIdNumber | 41132419800101123x | null",
            "missing ID number          | residentIdNumber | null               | residentIdNumber",
            "wrong check digit          | residentIdNumber | 410101199102020011 | residentIdNumber",
            "blank name                 | name             | '  '               | name",
            "name too long              | name             | NNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNN | name",
            "unknown origin             | origin           | MARS               | origin",
            "returnee without arrival   | arrivalDate      | null               | arrivalDate",
            "arrival not a date         | arrivalDate      | 2020-13-01         | arrivalDate",
            "arrival in the future      | arrivalDate      | 2020-01-29         | arrivalDate",
            "arrival today is fine      | arrivalDate      | 2020-01-28         | null",
            "bad phone                  | phone            | 12345              | phone",
            "landline is fine           | phone            | 0377-12345678      | null",
            "compound too long          | compound         | CCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCC | compound",
    })
    void eachRuleNamesTheFieldItRejects(String description, String field, String value, String rejected) {
        Document entry = new Document("entryId", "e-1").append("residentIdNumber", "410101199102020010")
                .append("name", "县一").append("origin", "WUHAN").append("arrivalDate", "2020-01-24");
        entry.put(field, value);

        Optional<String> problem = CountyListEntryRules.problemWith(entry, TODAY);

        if (rejected == null) {
            assertThat(problem).isEmpty();
        } else {
            assertThat(problem).hasValueSatisfying(p -> assertThat(p).startsWith(rejected + ":"));
        }
    }

    @ParameterizedTest
    @CsvSource({"LOCAL", "ELSEWHERE"})
    void onlyALocalResidentMayHaveNoArrivalDate(String origin) {
        Document entry = new Document("entryId", "e-2").append("residentIdNumber", "410101199102020010")
                .append("name", "县二").append("origin", origin);

        assertThat(CountyListEntryRules.problemWith(entry, TODAY).isPresent()).isEqualTo(!"LOCAL".equals(origin));
    }
}
