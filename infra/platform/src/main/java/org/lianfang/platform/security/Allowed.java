package org.lianfang.platform.security;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The roles that may call a controller method (or every method of a controller class; a method's
 * own annotation wins). A caller without an identity gets 401, a caller with another role 403 —
 * both as problem details, before the handler runs, so nothing is stored.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface Allowed {

    Role[] value();
}
