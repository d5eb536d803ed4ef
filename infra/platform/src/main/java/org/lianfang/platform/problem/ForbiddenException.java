package org.lianfang.platform.problem;

/** The actor may not do this (role or jurisdiction): answered with 403. */
public class ForbiddenException extends RuntimeException {

    public ForbiddenException(String detail) {
        super(detail);
    }
}
