package org.lianfang.platform.problem;

/**
 * One bad field of a request: its JSON path (or parameter/header name) and what is wrong with it,
 * so a client can point at the field a registrar has to correct.
 */
public record FieldProblem(String field, String reason) {
}
