package org.lianfang.volunteer.delivery.command;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.lianfang.contracts.quarantine.SupplyRequested;
import org.lianfang.contracts.volunteer.DeliveryOrderId;
import org.springframework.stereotype.Component;

/**
 * Turns a quarantined household's supply request (from quarantine-service's event store) into a
 * contact-free delivery order. The order id is derived from the request id, so a redelivery or a
 * replay finds the order already there and places no second one.
 */
@Component
@ProcessingGroup(SupplyRequests.PROCESSING_GROUP)
public class SupplyRequests {

    public static final String PROCESSING_GROUP = "supply-requests";

    private final CommandGateway commands;

    public SupplyRequests(CommandGateway commands) {
        this.commands = commands;
    }

    /** The order that a supply request becomes, always the same for the same request. */
    public static DeliveryOrderId orderFor(String requestId) {
        return DeliveryOrderId.of(UUID.nameUUIDFromBytes(("supply-request:" + requestId)
                .getBytes(StandardCharsets.UTF_8)).toString());
    }

    @EventHandler
    void on(SupplyRequested event) {
        try {
            commands.sendAndWait(new DeliveryCommands.Place(orderFor(event.requestId()), event.communityId(),
                    event.compoundId(), event.householdId(), event.address(), List.of(event.personId()),
                    event.items(), null, null, event.notes(), event.requestId(), null, true, event.requestedBy()));
        } catch (AggregateStreamCreationException | ConcurrencyException alreadyPlaced) {
            // a redelivery or replay: the order exists
        }
    }
}
