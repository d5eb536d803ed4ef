package org.lianfang.platform.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.lianfang.platform.problem.FieldProblem;
import org.lianfang.platform.problem.ProblemWriter;
import org.lianfang.platform.problem.Problems;
import org.lianfang.platform.request.RequestMetadata;
import org.slf4j.MDC;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Reads who is acting, for which community and under which correlation id from the request
 * headers, binds it for the commands the request sends, puts the correlation id in the logging
 * context and echoes it back. A missing or unusable correlation id is replaced, never refused.
 */
public class RequestMetadataFilter extends OncePerRequestFilter {

    public static final String CORRELATION_ID_HEADER = "X-Correlation-Id";
    public static final String ACTOR_HEADER = "X-Actor";
    public static final String COMMUNITY_HEADER = "X-Community-Id";
    public static final String MDC_CORRELATION_ID = "correlationId";

    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9._:@-]{1,128}");

    private final ProblemWriter problems;

    public RequestMetadataFilter(ProblemWriter problems) {
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String correlationId = request.getHeader(CORRELATION_ID_HEADER);
        if (correlationId == null || !TOKEN.matcher(correlationId).matches()) {
            correlationId = UUID.randomUUID().toString();
        }
        response.setHeader(CORRELATION_ID_HEADER, correlationId);
        String actor = request.getHeader(ACTOR_HEADER);
        String community = request.getHeader(COMMUNITY_HEADER);
        RequestMetadata metadata = new RequestMetadata(actor == null ? RequestMetadata.ANONYMOUS : actor,
                correlationId, community);
        MDC.put(MDC_CORRELATION_ID, correlationId);
        try (RequestMetadata.Scope ignored = RequestMetadata.bind(metadata)) {
            if (actor != null && !TOKEN.matcher(actor).matches()) {
                malformedHeader(request, response, ACTOR_HEADER);
            } else if (community != null && !TOKEN.matcher(community).matches()) {
                malformedHeader(request, response, COMMUNITY_HEADER);
            } else {
                chain.doFilter(request, response);
            }
        } finally {
            MDC.remove(MDC_CORRELATION_ID);
        }
    }

    private void malformedHeader(HttpServletRequest request, HttpServletResponse response, String header)
            throws IOException {
        problems.write(request, response, Problems.validation(List.of(new FieldProblem(header,
                "must be 1 to 128 characters of letters, digits and . _ : @ -"))));
    }
}
