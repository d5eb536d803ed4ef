package org.lianfang.contracts.privacy;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A component of an event that identifies or describes a person (name, ID number, phone, address,
 * free-text notes). The platform stores it encrypted with that person's own key, so erasing the
 * person (destroying the key) makes every stored copy unreadable while the event itself — its
 * type, time and non-personal fields — stays, and counts stay right (crypto-shredding).
 *
 * <p>After erasure the component reads as {@link #ERASED} if it is a {@code String}, else as null:
 * handlers and projections must accept both.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD})
public @interface PersonalData {

    /** What an erased text component reads as. */
    String ERASED = "[erased]";

    /**
     * The name of the component holding the id of the person this value is about; empty = the
     * component marked {@link DataSubject}, else the single person of a {@code PersonScoped} event.
     */
    String subject() default "";
}
