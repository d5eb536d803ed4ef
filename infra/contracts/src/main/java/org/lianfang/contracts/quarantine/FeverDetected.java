package org.lianfang.contracts.quarantine;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.lianfang.contracts.PersonScoped;

/**
 * A reading reached the fever threshold. It is its own event so that referral to the fever clinic
 * and the boards react to fevers without re-deciding what a fever is.
 *
 * @param celsius    the reading
 * @param threshold  the threshold in force when it was judged
 * @param occurredAt when the reading was taken
 */
public record FeverDetected(
        QuarantineCaseId caseId,
        String personId,
        BigDecimal celsius,
        BigDecimal threshold,
        Instant occurredAt) implements PersonScoped {

    @Override
    public List<String> personIds() {
        return List.of(personId);
    }
}
