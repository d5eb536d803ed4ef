package org.lianfang.registry.person.colour;

import org.lianfang.contracts.registry.RiskColour;

/**
 * The named rules of the four-colour labelling, in the order {@link RiskColourPolicy} tries them:
 * the first that applies decides the colour.
 */
public enum ColourRule {
    /** Someone set the colour by hand, with a reason; it holds until lifted. */
    MANUAL_OVERRIDE(null),
    /** Tried to leave quarantine at a checkpoint, and not verified by the community since. */
    QUARANTINE_BREACH_ATTEMPTED(RiskColour.RED),
    /** Confirmed gone elsewhere (去向明确). */
    DEPARTED(RiskColour.BLUE),
    /** The latest trace call was refused: not cooperating. */
    REFUSED(RiskColour.RED),
    /** The last N trace calls in a row were unreachable. */
    UNREACHABLE(RiskColour.RED),
    /** Found at a checkpoint without having been reported (设卡发现), not reached or verified since. */
    UNREGISTERED_ARRIVAL(RiskColour.RED),
    /** A quarantine case runs (quarantine-service) and the community is in contact with the person. */
    IN_QUARANTINE(RiskColour.BLUE),
    /** The quarantine case ended (served or released) and the person has not been verified since. */
    QUARANTINE_ENDED(RiskColour.GREEN),
    /** Verified and staying in home quarantine. */
    VERIFIED_IN_HOME_QUARANTINE(RiskColour.BLUE),
    /** No Hubei/Wuhan origin or contact. */
    NO_HUBEI_CONTACT(RiskColour.GREEN),
    /** From Hubei/Wuhan (or with contact) and not reported or reached by the deadline after arrival. */
    NOT_REPORTED_IN_TIME(RiskColour.RED),
    /** From Hubei/Wuhan (or with contact), reached or verified, not (yet) in home quarantine. */
    REACHED_BEING_VERIFIED(RiskColour.YELLOW),
    /** From Hubei/Wuhan (or with contact), registered in time, not reached yet. */
    AWAITING_CONTACT(RiskColour.YELLOW);

    private final RiskColour colour;

    ColourRule(RiskColour colour) {
        this.colour = colour;
    }

    /** The colour this rule gives, or null if it depends on the case (an override). */
    public RiskColour colour() {
        return colour;
    }
}
