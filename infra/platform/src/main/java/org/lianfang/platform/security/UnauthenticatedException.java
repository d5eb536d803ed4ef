package org.lianfang.platform.security;

/** The request carries no usable identity: answered with 401. */
public class UnauthenticatedException extends RuntimeException {

    public UnauthenticatedException(String detail) {
        super(detail);
    }
}
