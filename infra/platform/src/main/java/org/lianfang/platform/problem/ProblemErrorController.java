package org.lianfang.platform.problem;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URI;
import org.lianfang.contracts.MetadataKeys;
import org.lianfang.platform.web.RequestMetadataFilter;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Answers errors that happen outside any controller (the container rejecting a request, a filter
 * failing) as problem details too, in place of Spring Boot's whitelabel or JSON error map, which
 * could carry exception text.
 */
@RestController
public class ProblemErrorController implements ErrorController {

    @RequestMapping(value = "${server.error.path:${error.path:/error}}")
    ResponseEntity<ProblemDetail> error(HttpServletRequest request, HttpServletResponse response) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatusCode status = code instanceof Integer i && i >= 400 ? HttpStatusCode.valueOf(i)
                : HttpStatus.INTERNAL_SERVER_ERROR;
        ProblemType type = ProblemType.forStatus(status.value());
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, status.is5xxServerError()
                ? "An unexpected error occurred; quote the correlation id when reporting it."
                : type.title() + ".");
        problem.setType(type.uri());
        problem.setTitle(type.title());
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        if (uri instanceof String path) {
            try {
                problem.setInstance(URI.create(path));
            } catch (IllegalArgumentException unusablePath) {
                problem.setInstance(null);
            }
        }
        Problems.complete(problem, status, null);
        String correlationId = response.getHeader(RequestMetadataFilter.CORRELATION_ID_HEADER);
        if (correlationId != null) {
            problem.setProperty(MetadataKeys.CORRELATION_ID, correlationId);
        }
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
