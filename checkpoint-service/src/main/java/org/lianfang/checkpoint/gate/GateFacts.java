package org.lianfang.checkpoint.gate;

import java.math.BigDecimal;
import java.util.List;
import org.lianfang.contracts.checkpoint.CrossingSubject;
import org.lianfang.contracts.checkpoint.Direction;

/**
 * Everything the gate policies decide from: the crossing as recorded and what the checkpoint
 * knows of the people in it.
 *
 * @param persons      the person crossing, or a vehicle's known occupants
 * @param temperature  the temperature taken at the gate, null if none was taken (vehicles)
 * @param passRequired whether going out at this gate needs a pass (closed management)
 * @param passShown    whether a pass was shown
 */
public record GateFacts(CrossingSubject subject, Direction direction, BigDecimal temperature,
                        List<PersonStatus> persons, boolean passRequired, boolean passShown) {

    public GateFacts {
        persons = List.copyOf(persons);
    }
}
