package org.lianfang.volunteer.delivery.command;

/**
 * Whether a delivery is contact-free (敲门不见面) and why. Contact-free is the service's default.
 * A household in quarantine — known from quarantine-service's events, or because the order is a
 * quarantined person's supply request — is always served without contact; asking otherwise is refused.
 */
public final class ContactFreePolicy {

    public static final String RULE = "contact-free-required";
    public static final String QUARANTINED = "household in quarantine";
    public static final String SUPPLY_REQUEST = "supply request of a person in quarantine";
    public static final String REQUESTED = "contact-free by default (敲门不见面)";

    /** The decision: contact-free or not, why, or the refusal of a request for contact. */
    public record Decision(boolean contactFree, String why, boolean refused) {
    }

    private ContactFreePolicy() {
    }

    /** @param requested what the household asked for; null = the default */
    public static Decision decide(Boolean requested, boolean householdQuarantined, boolean supplyRequest) {
        if (householdQuarantined || supplyRequest) {
            String why = supplyRequest ? SUPPLY_REQUEST : QUARANTINED;
            return new Decision(true, why, Boolean.FALSE.equals(requested));
        }
        if (Boolean.FALSE.equals(requested)) {
            return new Decision(false, null, false);
        }
        return new Decision(true, REQUESTED, false);
    }
}
