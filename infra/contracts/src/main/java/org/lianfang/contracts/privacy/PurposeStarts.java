package org.lianfang.contracts.privacy;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An event that starts a purpose for which the persons it names must be kept (e.g. a quarantine
 * case): while it is open, and for the purpose's legal retention period after it ends
 * ({@link PurposeEnds}), the person may not be erased.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface PurposeStarts {

    /** The purpose's name, e.g. {@code quarantine}; the retention period is configured per name. */
    String value();
}
