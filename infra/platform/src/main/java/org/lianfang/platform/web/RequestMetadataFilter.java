package org.lianfang.platform.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.lianfang.platform.problem.FieldProblem;
import org.lianfang.platform.problem.ProblemWriter;
import org.lianfang.platform.problem.Problems;
import org.lianfang.platform.request.RequestMetadata;
import org.lianfang.platform.security.Caller;
import org.lianfang.platform.security.Role;
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
    /** The caller's role; until the gateway signs identities (issue 8) it is trusted as sent. */
    public static final String ROLE_HEADER = "X-Actor-Role";
    /** Comma-separated compounds the caller is limited to; absent = the whole community. */
    public static final String COMPOUNDS_HEADER = "X-Actor-Compounds";
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
        String roleHeader = request.getHeader(ROLE_HEADER);
        String compoundsHeader = request.getHeader(COMPOUNDS_HEADER);
        Role role = Role.parse(roleHeader).orElse(null);
        Set<String> compounds = compoundsHeader == null ? Set.of() : Arrays.stream(compoundsHeader.split(","))
                .map(String::trim).filter(c -> !c.isEmpty()).collect(Collectors.toSet());
        Caller caller = new Caller(metadata.actor(), role, community, compounds);
        MDC.put(MDC_CORRELATION_ID, correlationId);
        try (RequestMetadata.Scope ignored = RequestMetadata.bind(metadata);
             Caller.Scope ignoredCaller = Caller.bind(caller)) {
            if (actor != null && !TOKEN.matcher(actor).matches()) {
                malformedHeader(request, response, ACTOR_HEADER);
            } else if (community != null && !TOKEN.matcher(community).matches()
                    && !Caller.ALL_COMMUNITIES.equals(community)) {
                malformedHeader(request, response, COMMUNITY_HEADER);
            } else if (roleHeader != null && role == null) {
                problems.write(request, response, Problems.validation(List.of(new FieldProblem(ROLE_HEADER,
                        "must be one of operator, medic, auditor, county, admin"))));
            } else if (compounds.stream().anyMatch(c -> !TOKEN.matcher(c).matches())) {
                malformedHeader(request, response, COMPOUNDS_HEADER);
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
