package org.lianfang.volunteer.delivery.command;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventsourcing.eventstore.EventStore;
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
    private final EventStore events;

    public SupplyRequests(CommandGateway commands, EventStore events) {
        this.commands = commands;
        this.events = events;
    }

    /** The order that a supply request becomes, always the same for the same request. */
    public static DeliveryOrderId orderFor(String requestId) {
        return DeliveryOrderId.of(UUID.nameUUIDFromBytes(("supply-request:" + requestId)
                .getBytes(StandardCharsets.UTF_8)).toString());
    }

    /**
     * Places the request's order once. In a tracking processor the command's unit of work is nested
     * in the batch's, so its events are appended when the batch commits and a second creation fails
     * the whole batch there, not here: a redelivered or replayed request is recognised by its order's
     * stream instead (one keyed read). The catch covers a direct call.
     */
    @EventHandler
    void on(SupplyRequested event) {
        DeliveryOrderId order = orderFor(event.requestId());
        if (events.lastSequenceNumberFor(order.value()).isPresent()) {
            return;
        }
        try {
            commands.sendAndWait(new DeliveryCommands.Place(order, event.communityId(),
                    event.compoundId(), event.householdId(), event.address(), List.of(event.personId()),
                    event.items(), null, null, event.notes(), event.requestId(), null, true, event.requestedBy()));
        } catch (AggregateStreamCreationException | ConcurrencyException alreadyPlaced) {
            // a redelivery or replay: the order exists
        }
    }
}
