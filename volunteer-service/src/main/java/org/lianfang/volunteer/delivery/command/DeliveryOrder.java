package org.lianfang.volunteer.delivery.command;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import org.lianfang.contracts.RuleViolationException;
import org.lianfang.contracts.volunteer.DeliveryAccepted;
import org.lianfang.contracts.volunteer.DeliveryCancelled;
import org.lianfang.contracts.volunteer.DeliveryConfirmed;
import org.lianfang.contracts.volunteer.DeliveryGoodsDisinfected;
import org.lianfang.contracts.volunteer.DeliveryLeftAtDoor;
import org.lianfang.contracts.volunteer.DeliveryOrderId;
import org.lianfang.contracts.volunteer.DeliveryOrdered;
import org.lianfang.contracts.volunteer.DeliveryPickedUp;
import org.lianfang.contracts.volunteer.DeliveryProgressed;
import org.lianfang.contracts.volunteer.DeliveryStage;
import org.lianfang.contracts.volunteer.VolunteerId;
import org.lianfang.volunteer.support.InvalidInputException;

/**
 * One contact-free delivery order (点单 → 跑腿). Every step is its own event with who recorded it
 * and when, followed by the published {@link DeliveryProgressed} that other services follow (the
 * quarantine case learns its supply request was delivered).
 */
@Aggregate
public class DeliveryOrder {

    public static final String TAKEN_BY_ANOTHER = "delivery-taken-by-another-volunteer";

    @AggregateIdentifier
    private DeliveryOrderId orderId;
    private DeliveryStage stage;
    private VolunteerId volunteerId;
    private boolean contactFree;
    private String supplyRequestId;
    private String householdId;
    private List<String> personIds;

    protected DeliveryOrder() {
    }

    @CommandHandler
    public DeliveryOrder(DeliveryCommands.Place command, Clock clock) {
        ContactFreePolicy.Decision decision = ContactFreePolicy.decide(command.requestedContactFree(),
                command.householdQuarantined(), command.supplyRequestId() != null);
        if (decision.refused()) {
            throw new RuleViolationException(ContactFreePolicy.RULE, "This household is served without contact ("
                    + decision.why() + "); an order cannot ask for a handover in person.");
        }
        Instant now = clock.instant();
        apply(new DeliveryOrdered(command.orderId(), command.communityId(), command.compoundId(),
                command.householdId(), command.address(), command.personIds(), command.items(), command.partner(),
                command.partnerKind(), command.notes(), command.supplyRequestId(), decision.contactFree(),
                decision.why(), command.orderedBy(), now));
        apply(new DeliveryProgressed(command.orderId(), command.supplyRequestId(), command.householdId(),
                command.personIds(), DeliveryStage.ORDERED, decision.contactFree(), null, null, now));
    }

    @CommandHandler
    void handle(DeliveryCommands.Advance command, Clock clock) {
        DeliveryStage to = command.stage();
        switch (DeliveryLifecyclePolicy.transition(stage, to)) {
            case ALREADY_THERE -> {
                requireSameVolunteer(command.volunteerId());
                return;
            }
            case ILLEGAL -> throw new RuleViolationException(DeliveryLifecyclePolicy.RULE, "Delivery " + orderId
                    + " is " + stage + "; it cannot become " + to + ".");
            case ALLOWED -> {
            }
        }
        Instant now = clock.instant();
        String by = command.recordedBy();
        switch (to) {
            case ACCEPTED -> {
                if (command.volunteerId() == null) {
                    throw new InvalidInputException("volunteerId", "is required to accept a delivery");
                }
                apply(new DeliveryAccepted(orderId, command.volunteerId(), by, now));
            }
            case PICKED_UP -> {
                requireSameVolunteer(command.volunteerId());
                apply(new DeliveryPickedUp(orderId, volunteerId, by, now));
            }
            case DISINFECTED -> {
                requireSameVolunteer(command.volunteerId());
                apply(new DeliveryGoodsDisinfected(orderId, volunteerId, by, now));
            }
            case LEFT_AT_DOOR -> {
                requireSameVolunteer(command.volunteerId());
                apply(new DeliveryLeftAtDoor(orderId, volunteerId, contactFree || command.householdQuarantined(), by,
                        now));
            }
            case CONFIRMED -> apply(new DeliveryConfirmed(orderId, by, now));
            case CANCELLED -> {
                if (command.reason() == null || command.reason().isBlank()) {
                    throw new InvalidInputException("reason", "is required to cancel a delivery");
                }
                apply(new DeliveryCancelled(orderId, command.reason(), by, now));
            }
            default -> throw new IllegalStateException("no step leads to " + to);
        }
        apply(progressed(to, to == DeliveryStage.CANCELLED ? command.reason() : null,
                to == DeliveryStage.ACCEPTED ? command.volunteerId() : volunteerId, now));
    }

    private void requireSameVolunteer(VolunteerId requested) {
        if (requested != null && volunteerId != null && !requested.equals(volunteerId)) {
            throw new RuleViolationException(TAKEN_BY_ANOTHER, "Delivery " + orderId + " was accepted by volunteer "
                    + volunteerId + ".");
        }
    }

    private DeliveryProgressed progressed(DeliveryStage reached, String reason, VolunteerId by, Instant at) {
        return new DeliveryProgressed(orderId, supplyRequestId, householdId, personIds, reached, contactFree, by,
                reason, at);
    }

    @EventSourcingHandler
    void on(DeliveryOrdered event) {
        orderId = event.orderId();
        stage = DeliveryStage.ORDERED;
        contactFree = event.contactFree();
        supplyRequestId = event.supplyRequestId();
        householdId = event.householdId();
        personIds = event.personIds();
    }

    @EventSourcingHandler
    void on(DeliveryAccepted event) {
        stage = DeliveryStage.ACCEPTED;
        volunteerId = event.volunteerId();
    }

    @EventSourcingHandler
    void on(DeliveryPickedUp event) {
        stage = DeliveryStage.PICKED_UP;
    }

    @EventSourcingHandler
    void on(DeliveryGoodsDisinfected event) {
        stage = DeliveryStage.DISINFECTED;
    }

    @EventSourcingHandler
    void on(DeliveryLeftAtDoor event) {
        stage = DeliveryStage.LEFT_AT_DOOR;
        contactFree = event.contactFree();
    }

    @EventSourcingHandler
    void on(DeliveryConfirmed event) {
        stage = DeliveryStage.CONFIRMED;
    }

    @EventSourcingHandler
    void on(DeliveryCancelled event) {
        stage = DeliveryStage.CANCELLED;
    }
}
