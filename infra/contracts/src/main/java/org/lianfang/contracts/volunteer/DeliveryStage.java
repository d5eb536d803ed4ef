package org.lianfang.contracts.volunteer;

/**
 * The stages of a contact-free delivery (敲门不见面), in order; {@code CANCELLED} ends it early.
 * Each stage is reached by its own event in volunteer-service.
 */
public enum DeliveryStage {
    ORDERED,
    ACCEPTED,
    PICKED_UP,
    DISINFECTED,
    LEFT_AT_DOOR,
    CONFIRMED,
    CANCELLED
}
