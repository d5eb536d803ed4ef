package org.lianfang.platform.problem;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.List;
import org.lianfang.contracts.MetadataKeys;
import org.lianfang.platform.request.RequestMetadata;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

/** Builds and completes RFC 9457 problem details the same way everywhere: advice, filters, /error. */
public final class Problems {

    /** The property holding the per-field problems of a validation problem. */
    public static final String ERRORS = "errors";

    private Problems() {
    }

    public static ProblemDetail of(ProblemType type, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(type.status(), detail);
        problem.setType(type.uri());
        problem.setTitle(type.title());
        return problem;
    }

    public static ProblemDetail validation(List<FieldProblem> errors) {
        String detail = errors.size() == 1
                ? "Field '" + errors.get(0).field() + "' " + errors.get(0).reason() + "."
                : errors.size() + " fields are not valid.";
        ProblemDetail problem = of(ProblemType.VALIDATION, detail);
        problem.setProperty(ERRORS, List.copyOf(errors));
        return problem;
    }

    /**
     * Gives a problem a Lianfang type if it has none, the request path as its instance and the
     * correlation id, so a client's report can be found in the logs.
     */
    public static ProblemDetail complete(ProblemDetail problem, HttpStatusCode status, String path) {
        if (problem.getType() == null || URI.create("about:blank").equals(problem.getType())) {
            ProblemType type = ProblemType.forStatus(status.value());
            problem.setType(type.uri());
            if (problem.getTitle() == null || problem.getTitle().equals(defaultTitle(status))) {
                problem.setTitle(type.title());
            }
        }
        if (problem.getInstance() == null && path != null) {
            try {
                problem.setInstance(URI.create(path));
            } catch (IllegalArgumentException unusablePath) {
                problem.setInstance(null);
            }
        }
        RequestMetadata.current().ifPresent(request ->
                problem.setProperty(MetadataKeys.CORRELATION_ID, request.correlationId()));
        return problem;
    }

    public static ProblemDetail complete(ProblemDetail problem, HttpServletRequest request) {
        return complete(problem, HttpStatusCode.valueOf(problem.getStatus()), request.getRequestURI());
    }

    private static String defaultTitle(HttpStatusCode status) {
        return ProblemDetail.forStatus(status).getTitle();
    }
}
