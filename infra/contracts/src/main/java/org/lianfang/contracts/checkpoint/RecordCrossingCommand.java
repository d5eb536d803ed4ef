package org.lianfang.contracts.checkpoint;

import java.util.List;
import java.util.Objects;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.lianfang.contracts.PersonScoped;

/**
 * Record one crossing with the gate's verdict. Each crossing is its own short stream, so crossings
 * never queue behind each other on the checkpoint; sending it again for the same id is refused by
 * the store and means "already recorded".
 *
 * @param arrival          set when the crossing reveals an unregistered arrival
 * @param breach           set when a person in active quarantine tried to go out
 */
public record RecordCrossingCommand(
        @TargetAggregateIdentifier String crossingId,
        CrossingDetails details,
        GateVerdict verdict,
        ArrivalReport arrival,
        QuarantineBreach breach) implements PersonScoped {

    public RecordCrossingCommand {
        Objects.requireNonNull(crossingId, "crossingId");
        Objects.requireNonNull(details, "details");
        Objects.requireNonNull(verdict, "verdict");
    }

    @Override
    public List<String> personIds() {
        return details.personIds();
    }
}
