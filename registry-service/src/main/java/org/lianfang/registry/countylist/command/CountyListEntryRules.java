package org.lianfang.registry.countylist.command;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Set;
import org.bson.Document;
import org.lianfang.contracts.registry.Origin;
import org.lianfang.contracts.registry.ResidentIdNumber;

/**
 * What an entry of the county's list must satisfy to become a person: the same rules a registrar's
 * form obeys (valid ID number, a name, a known origin, an arrival date for a returnee that is not
 * in the future, bounded texts). An entry that breaks one is recorded as rejected with the reason,
 * and the rest of the page is imported.
 */
final class CountyListEntryRules {

    private static final String PHONE = "1[3-9]\\d{9}|0\\d{2,3}-?\\d{7,8}";
    private static final Set<String> ORIGINS = Set.of("WUHAN", "HUBEI_OTHER", "ELSEWHERE", "LOCAL");

    private CountyListEntryRules() {
    }

    /** The first problem of {@code entry} as {@code field: reason}, or empty if it can be imported. */
    static Optional<String> problemWith(Document entry, LocalDate today) {
        String number = entry.getString("residentIdNumber");
        if (number == null || !ResidentIdNumber.isValid(number.toUpperCase())) {
            return Optional.of("residentIdNumber: " + (number == null ? "is missing"
                    : ResidentIdNumber.problemWith(number.toUpperCase()).orElse("is invalid")));
        }
        String name = entry.getString("name");
        if (name == null || name.isBlank() || name.strip().length() > 50) {
            return Optional.of("name: must be 1 to 50 characters");
        }
        String origin = entry.getString("origin");
        if (origin == null || !ORIGINS.contains(origin)) {
            return Optional.of("origin: must be one of WUHAN, HUBEI_OTHER, ELSEWHERE, LOCAL");
        }
        String arrival = entry.getString("arrivalDate");
        if (arrival == null && !Origin.LOCAL.name().equals(origin)) {
            return Optional.of("arrivalDate: is required unless origin is LOCAL");
        }
        if (arrival != null) {
            try {
                if (LocalDate.parse(arrival).isAfter(today)) {
                    return Optional.of("arrivalDate: must not be in the future");
                }
            } catch (DateTimeParseException e) {
                return Optional.of("arrivalDate: must be a date (yyyy-MM-dd)");
            }
        }
        String phone = entry.getString("phone");
        if (phone != null && !phone.matches(PHONE)) {
            return Optional.of("phone: must be a mobile or landline number");
        }
        for (String[] bound : new String[][] {{"compound", "50"}, {"address", "200"}, {"transport", "30"},
                {"comingFrom", "18"}, {"entryId", "100"}}) {
            String value = entry.getString(bound[0]);
            if (value != null && value.length() > Integer.parseInt(bound[1])) {
                return Optional.of(bound[0] + ": must be at most " + bound[1] + " characters");
            }
        }
        return Optional.empty();
    }
}
