package org.lianfang.volunteer.delivery.command;

import java.util.List;
import org.lianfang.contracts.volunteer.DeliveryStage;

/**
 * The order of a contact-free delivery: ordered → accepted → picked up → goods disinfected → left at
 * the door → confirmed, one step at a time (goods are never left undisinfected). It can be cancelled
 * until the goods are at the door. Asking for the stage an order is already at changes nothing, so
 * a retried step is harmless.
 */
public final class DeliveryLifecyclePolicy {

    public static final String RULE = "illegal-delivery-transition";

    /** What a requested step means for an order at a stage. */
    public enum Transition { ALLOWED, ALREADY_THERE, ILLEGAL }

    private static final List<DeliveryStage> LINE = List.of(DeliveryStage.ORDERED, DeliveryStage.ACCEPTED,
            DeliveryStage.PICKED_UP, DeliveryStage.DISINFECTED, DeliveryStage.LEFT_AT_DOOR, DeliveryStage.CONFIRMED);

    private DeliveryLifecyclePolicy() {
    }

    public static Transition transition(DeliveryStage from, DeliveryStage to) {
        if (from == to) {
            return Transition.ALREADY_THERE;
        }
        if (to == DeliveryStage.CANCELLED) {
            return LINE.indexOf(from) >= 0 && LINE.indexOf(from) < LINE.indexOf(DeliveryStage.LEFT_AT_DOOR)
                    ? Transition.ALLOWED : Transition.ILLEGAL;
        }
        if (from == DeliveryStage.CANCELLED || to == DeliveryStage.ORDERED) {
            return Transition.ILLEGAL;
        }
        return LINE.indexOf(to) == LINE.indexOf(from) + 1 ? Transition.ALLOWED : Transition.ILLEGAL;
    }

    /** Whether a volunteer still has work to do on an order at this stage. */
    public static boolean open(DeliveryStage stage) {
        return LINE.indexOf(stage) >= 0 && LINE.indexOf(stage) < LINE.indexOf(DeliveryStage.LEFT_AT_DOOR);
    }
}
