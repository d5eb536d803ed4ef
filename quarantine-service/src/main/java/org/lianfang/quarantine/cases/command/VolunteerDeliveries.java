package org.lianfang.quarantine.cases.command;

import java.util.Optional;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.lianfang.contracts.quarantine.QuarantineCaseId;
import org.lianfang.contracts.quarantine.RecordDeliveryProgressCommand;
import org.lianfang.contracts.volunteer.DeliveryProgressed;
import org.springframework.stereotype.Component;

/**
 * Follows the deliveries volunteer-service makes for supply requests (it tracks volunteer's event
 * store read-only) and puts each stage on the case. A supply request id names its case
 * ({@code <caseId>-s<n>}), so no lookup can lag behind; the case records each stage once.
 */
@Component
@ProcessingGroup(VolunteerDeliveries.PROCESSING_GROUP)
public class VolunteerDeliveries {

    public static final String PROCESSING_GROUP = "volunteer-deliveries";

    private final CommandGateway commands;

    public VolunteerDeliveries(CommandGateway commands) {
        this.commands = commands;
    }

    /** The case a supply request belongs to, read from the request id. */
    public static Optional<QuarantineCaseId> caseOf(String supplyRequestId) {
        if (supplyRequestId == null) {
            return Optional.empty();
        }
        int marker = supplyRequestId.lastIndexOf("-s");
        if (marker <= 0 || marker + 2 >= supplyRequestId.length()
                || !supplyRequestId.substring(marker + 2).chars().allMatch(Character::isDigit)) {
            return Optional.empty();
        }
        return Optional.of(QuarantineCaseId.of(supplyRequestId.substring(0, marker)));
    }

    @EventHandler
    void on(DeliveryProgressed event) {
        caseOf(event.supplyRequestId()).ifPresent(caseId -> {
            try {
                commands.sendAndWait(new RecordDeliveryProgressCommand(caseId, event.supplyRequestId(),
                        event.orderId() == null ? null : event.orderId().value(), event.stage(),
                        event.volunteerId() == null ? null : event.volunteerId().value(), event.reason(),
                        event.at()));
            } catch (AggregateNotFoundException notOurs) {
                // a request id of this shape that is not a case here: nothing to record
            }
        });
    }
}
