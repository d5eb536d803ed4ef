package org.lianfang.contracts.privacy;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An event that ends a purpose started by a {@link PurposeStarts} event of the same name; the
 * purpose's retention period runs from this event's time.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface PurposeEnds {

    /** The purpose's name, e.g. {@code quarantine}. */
    String value();
}
