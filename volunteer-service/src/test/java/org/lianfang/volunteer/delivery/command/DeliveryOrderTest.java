package org.lianfang.volunteer.delivery.command;

import static org.hamcrest.Matchers.containsString;

import java.time.Instant;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
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
import org.lianfang.contracts.volunteer.PartnerKind;
import org.lianfang.contracts.volunteer.VolunteerId;
import org.lianfang.testing.MutableClock;
import org.lianfang.volunteer.support.InvalidInputException;

/** One test per rule of a delivery order: contact-free decisions, each legal step, illegal steps refused. */
class DeliveryOrderTest {

    private static final Instant NOW = Instant.parse("2020-02-01T02:00:00Z");
    private static final DeliveryOrderId ORDER = DeliveryOrderId.of("o-1");
    private static final VolunteerId V = VolunteerId.of("v-1");
    private static final VolunteerId OTHER = VolunteerId.of("v-2");
    private static final List<String> PERSONS = List.of("p-1");

    private AggregateTestFixture<DeliveryOrder> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(DeliveryOrder.class);
        fixture.registerInjectableResource(new MutableClock(NOW));
    }

    private static DeliveryCommands.Place place(Boolean contactFree, boolean quarantined, String supplyRequestId) {
        return new DeliveryCommands.Place(ORDER, "anguo", "c-3", "h-9", "3号楼 502", PERSONS, List.of("大米 5kg"),
                "惠民超市", PartnerKind.SHOP, null, supplyRequestId, contactFree, quarantined, "op-1");
    }

    private static DeliveryOrdered ordered(boolean contactFree, String why, String supplyRequestId) {
        return new DeliveryOrdered(ORDER, "anguo", "c-3", "h-9", "3号楼 502", PERSONS, List.of("大米 5kg"), "惠民超市",
                PartnerKind.SHOP, null, supplyRequestId, contactFree, why, "op-1", NOW);
    }

    private static DeliveryProgressed progressed(DeliveryStage stage, boolean contactFree, VolunteerId by,
                                                 String reason, String supplyRequestId) {
        return new DeliveryProgressed(ORDER, supplyRequestId, "h-9", PERSONS, stage, contactFree, by, reason, NOW);
    }

    private static DeliveryCommands.Advance advance(DeliveryStage stage, VolunteerId volunteer, String reason) {
        return new DeliveryCommands.Advance(ORDER, stage, volunteer, reason, false, "op-2");
    }

    @Test
    void anOrderIsContactFreeByDefaultAndPublishedAsOrdered() {
        fixture.givenNoPriorActivity()
                .when(place(null, false, null))
                .expectEvents(ordered(true, ContactFreePolicy.REQUESTED, null),
                        progressed(DeliveryStage.ORDERED, true, null, null, null));
    }

    @Test
    void aQuarantinedHouseholdsOrderIsContactFreeAndSaysWhy() {
        fixture.givenNoPriorActivity()
                .when(place(true, true, null))
                .expectEvents(ordered(true, ContactFreePolicy.QUARANTINED, null),
                        progressed(DeliveryStage.ORDERED, true, null, null, null));
    }

    @Test
    void aQuarantinedHouseholdCannotAskForAHandoverInPerson() {
        fixture.givenNoPriorActivity()
                .when(place(false, true, null))
                .expectException(RuleViolationException.class)
                .expectExceptionMessage(containsString("without contact"))
                .expectNoEvents();
    }

    @Test
    void aSupplyRequestIsAlwaysContactFreeAndCarriesItsId() {
        fixture.givenNoPriorActivity()
                .when(place(null, false, "r-1"))
                .expectEvents(ordered(true, ContactFreePolicy.SUPPLY_REQUEST, "r-1"),
                        progressed(DeliveryStage.ORDERED, true, null, null, "r-1"));
    }

    @Test
    void aNonQuarantinedHouseholdMayAskForAHandover() {
        fixture.givenNoPriorActivity()
                .when(place(false, false, null))
                .expectEvents(ordered(false, null, null), progressed(DeliveryStage.ORDERED, false, null, null, null));
    }

    @Test
    void eachLegalStepIsItsOwnEventFollowedByTheProgress() {
        DeliveryOrdered ordered = ordered(true, ContactFreePolicy.SUPPLY_REQUEST, "r-1");
        fixture.given(ordered).when(advance(DeliveryStage.ACCEPTED, V, null))
                .expectEvents(new DeliveryAccepted(ORDER, V, "op-2", NOW),
                        progressed(DeliveryStage.ACCEPTED, true, V, null, "r-1"));
        fixture.given(ordered, new DeliveryAccepted(ORDER, V, "op-2", NOW))
                .when(advance(DeliveryStage.PICKED_UP, null, null))
                .expectEvents(new DeliveryPickedUp(ORDER, V, "op-2", NOW),
                        progressed(DeliveryStage.PICKED_UP, true, V, null, "r-1"));
        fixture.given(ordered, new DeliveryAccepted(ORDER, V, "op-2", NOW), new DeliveryPickedUp(ORDER, V, "op-2", NOW))
                .when(advance(DeliveryStage.DISINFECTED, V, null))
                .expectEvents(new DeliveryGoodsDisinfected(ORDER, V, "op-2", NOW),
                        progressed(DeliveryStage.DISINFECTED, true, V, null, "r-1"));
        fixture.given(ordered, new DeliveryAccepted(ORDER, V, "op-2", NOW), new DeliveryPickedUp(ORDER, V, "op-2", NOW),
                        new DeliveryGoodsDisinfected(ORDER, V, "op-2", NOW))
                .when(advance(DeliveryStage.LEFT_AT_DOOR, null, null))
                .expectEvents(new DeliveryLeftAtDoor(ORDER, V, true, "op-2", NOW),
                        progressed(DeliveryStage.LEFT_AT_DOOR, true, V, null, "r-1"));
        fixture.given(ordered, new DeliveryAccepted(ORDER, V, "op-2", NOW), new DeliveryPickedUp(ORDER, V, "op-2", NOW),
                        new DeliveryGoodsDisinfected(ORDER, V, "op-2", NOW),
                        new DeliveryLeftAtDoor(ORDER, V, true, "op-2", NOW))
                .when(advance(DeliveryStage.CONFIRMED, null, null))
                .expectEvents(new DeliveryConfirmed(ORDER, "op-2", NOW),
                        progressed(DeliveryStage.CONFIRMED, true, V, null, "r-1"));
    }

    @Test
    void goodsAreNeverLeftUndisinfected() {
        fixture.given(ordered(true, null, null), new DeliveryAccepted(ORDER, V, "op-2", NOW),
                        new DeliveryPickedUp(ORDER, V, "op-2", NOW))
                .when(advance(DeliveryStage.LEFT_AT_DOOR, null, null))
                .expectException(RuleViolationException.class)
                .expectExceptionMessage(containsString("is PICKED_UP; it cannot become LEFT_AT_DOOR"))
                .expectNoEvents();
    }

    @Test
    void aCancelledOrderTakesNoFurtherStep() {
        fixture.given(ordered(true, null, null), new DeliveryCancelled(ORDER, "shop closed", "op-1", NOW))
                .when(advance(DeliveryStage.ACCEPTED, V, null))
                .expectException(RuleViolationException.class);
    }

    @Test
    void goodsAtTheDoorCannotBeCancelled() {
        fixture.given(ordered(true, null, null), new DeliveryAccepted(ORDER, V, "op-2", NOW),
                        new DeliveryPickedUp(ORDER, V, "op-2", NOW), new DeliveryGoodsDisinfected(ORDER, V, "op-2", NOW),
                        new DeliveryLeftAtDoor(ORDER, V, true, "op-2", NOW))
                .when(advance(DeliveryStage.CANCELLED, null, "changed my mind"))
                .expectException(RuleViolationException.class);
    }

    @Test
    void aCancellationNeedsAReasonAndIsPublishedWithIt() {
        fixture.given(ordered(true, null, null))
                .when(advance(DeliveryStage.CANCELLED, null, " "))
                .expectException(InvalidInputException.class);
        fixture.given(ordered(true, null, null))
                .when(advance(DeliveryStage.CANCELLED, null, "shop closed"))
                .expectEvents(new DeliveryCancelled(ORDER, "shop closed", "op-2", NOW),
                        progressed(DeliveryStage.CANCELLED, true, null, "shop closed", null));
    }

    @Test
    void acceptingNeedsAVolunteer() {
        fixture.given(ordered(true, null, null))
                .when(advance(DeliveryStage.ACCEPTED, null, null))
                .expectException(InvalidInputException.class);
    }

    @Test
    void anAcceptedOrderBelongsToItsVolunteer() {
        fixture.given(ordered(true, null, null), new DeliveryAccepted(ORDER, V, "op-2", NOW))
                .when(advance(DeliveryStage.ACCEPTED, OTHER, null))
                .expectException(RuleViolationException.class)
                .expectExceptionMessage(containsString("accepted by volunteer v-1"));
        fixture.given(ordered(true, null, null), new DeliveryAccepted(ORDER, V, "op-2", NOW))
                .when(advance(DeliveryStage.PICKED_UP, OTHER, null))
                .expectException(RuleViolationException.class);
    }

    @Test
    void repeatingAStepChangesNothing() {
        fixture.given(ordered(true, null, null), new DeliveryAccepted(ORDER, V, "op-2", NOW))
                .when(advance(DeliveryStage.ACCEPTED, V, null))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aHouseholdQuarantinedAfterOrderingIsStillServedWithoutContact() {
        fixture.given(ordered(false, null, null), new DeliveryAccepted(ORDER, V, "op-2", NOW),
                        new DeliveryPickedUp(ORDER, V, "op-2", NOW), new DeliveryGoodsDisinfected(ORDER, V, "op-2", NOW))
                .when(new DeliveryCommands.Advance(ORDER, DeliveryStage.LEFT_AT_DOOR, null, null, true, "op-2"))
                .expectEvents(new DeliveryLeftAtDoor(ORDER, V, true, "op-2", NOW),
                        progressed(DeliveryStage.LEFT_AT_DOOR, true, V, null, null));
    }
}
