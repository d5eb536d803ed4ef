package org.lianfang.platform.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.lianfang.identity.IdentityCodec;
import org.lianfang.identity.SignedIdentity;
import org.lianfang.platform.problem.FieldProblem;
import org.lianfang.platform.problem.ProblemType;
import org.lianfang.platform.problem.ProblemWriter;
import org.lianfang.platform.problem.Problems;
import org.lianfang.platform.request.RequestMetadata;
import org.lianfang.platform.security.Caller;
import org.lianfang.platform.security.Role;
import org.slf4j.MDC;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Reads who is acting, for which community and under which correlation id, binds it for the
 * commands the request sends ({@link RequestMetadata}) and for authorisation ({@link Caller}), puts
 * the correlation id in the logging context and echoes it back. A missing or unusable correlation
 * id is replaced, never refused.
 *
 * <p>With an identity codec (production: {@code lianfang.security.identity-key} set) the caller of an
 * {@code /api/**} request comes only from the gateway's signed {@link IdentityCodec#HEADER}; a request
 * without a valid one is refused with 401, whatever {@code X-Actor*} headers it sends. Without a codec
 * (development, service tests) the {@code X-Actor*} headers are trusted as sent.
 */
public class RequestMetadataFilter extends OncePerRequestFilter {

    public static final String CORRELATION_ID_HEADER = "X-Correlation-Id";
    public static final String ACTOR_HEADER = "X-Actor";
    public static final String COMMUNITY_HEADER = "X-Community-Id";
    /** The caller's role, trusted as sent only when identities are not signed. */
    public static final String ROLE_HEADER = "X-Actor-Role";
    /** Comma-separated compounds the caller is limited to; absent = the whole community. */
    public static final String COMPOUNDS_HEADER = "X-Actor-Compounds";
    public static final String MDC_CORRELATION_ID = "correlationId";

    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9._:@-]{1,128}");

    private final ProblemWriter problems;
    private final IdentityCodec identities;

    /** Trusts the {@code X-Actor*} headers: development and service tests only. */
    public RequestMetadataFilter(ProblemWriter problems) {
        this(problems, null);
    }

    /** Takes callers from the gateway's signed identity when {@code identities} is not null. */
    public RequestMetadataFilter(ProblemWriter problems, IdentityCodec identities) {
        this.problems = problems;
        this.identities = identities;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String correlationId = request.getHeader(CORRELATION_ID_HEADER);
        if (correlationId == null || !TOKEN.matcher(correlationId).matches()) {
            correlationId = UUID.randomUUID().toString();
        }
        response.setHeader(CORRELATION_ID_HEADER, correlationId);
        MDC.put(MDC_CORRELATION_ID, correlationId);
        try {
            if (identities != null) {
                signed(request, response, chain, correlationId);
            } else {
                unsigned(request, response, chain, correlationId);
            }
        } finally {
            MDC.remove(MDC_CORRELATION_ID);
        }
    }

    private void signed(HttpServletRequest request, HttpServletResponse response, FilterChain chain,
                        String correlationId) throws ServletException, IOException {
        String community = request.getHeader(COMMUNITY_HEADER);
        if (Caller.ALL_COMMUNITIES.equals(community)) {
            community = null;
        }
        if (community != null && !TOKEN.matcher(community).matches()) {
            run(request, response, chain, new RequestMetadata(RequestMetadata.ANONYMOUS, correlationId, null),
                    null, () -> malformedHeader(request, response, COMMUNITY_HEADER));
            return;
        }
        Optional<SignedIdentity> identity = identities.verify(request.getHeader(IdentityCodec.HEADER),
                request.getMethod(), request.getRequestURI());
        Optional<Role> role = identity.flatMap(i -> Role.parse(i.role()));
        if (role.isEmpty()) {
            RequestMetadata anonymous = new RequestMetadata(RequestMetadata.ANONYMOUS, correlationId, null);
            if (request.getRequestURI().startsWith("/api/")) {
                run(request, response, chain, anonymous, null, () -> problems.write(request, response,
                        Problems.of(ProblemType.UNAUTHORIZED,
                                "Call this service through the gateway with valid credentials.")));
            } else {
                run(request, response, chain, anonymous, null, null);
            }
            return;
        }
        SignedIdentity id = identity.get();
        String jurisdiction = id.communityId();
        // A county-wide caller names the community it acts for; everyone else acts for their own.
        String requestCommunity = Caller.ALL_COMMUNITIES.equals(jurisdiction) ? community : jurisdiction;
        Caller caller = new Caller(id.subject(), role.get(), jurisdiction, new HashSet<>(id.compounds()));
        run(request, response, chain, new RequestMetadata(id.subject(), correlationId, requestCommunity), caller,
                null);
    }

    private void unsigned(HttpServletRequest request, HttpServletResponse response, FilterChain chain,
                          String correlationId) throws ServletException, IOException {
        String actor = request.getHeader(ACTOR_HEADER);
        String community = request.getHeader(COMMUNITY_HEADER);
        String roleHeader = request.getHeader(ROLE_HEADER);
        String compoundsHeader = request.getHeader(COMPOUNDS_HEADER);
        Role role = Role.parse(roleHeader).orElse(null);
        Set<String> compounds = compoundsHeader == null ? Set.of() : Arrays.stream(compoundsHeader.split(","))
                .map(String::trim).filter(c -> !c.isEmpty()).collect(Collectors.toSet());
        RequestMetadata metadata = new RequestMetadata(actor == null ? RequestMetadata.ANONYMOUS : actor,
                correlationId, community);
        Caller caller = new Caller(metadata.actor(), role, community, compounds);
        Refusal refusal = null;
        if (actor != null && !TOKEN.matcher(actor).matches()) {
            refusal = () -> malformedHeader(request, response, ACTOR_HEADER);
        } else if (community != null && !TOKEN.matcher(community).matches()
                && !Caller.ALL_COMMUNITIES.equals(community)) {
            refusal = () -> malformedHeader(request, response, COMMUNITY_HEADER);
        } else if (roleHeader != null && role == null) {
            refusal = () -> problems.write(request, response, Problems.validation(List.of(new FieldProblem(
                    ROLE_HEADER, "must be one of operator, medic, auditor, county, admin"))));
        } else if (compounds.stream().anyMatch(c -> !TOKEN.matcher(c).matches())) {
            refusal = () -> malformedHeader(request, response, COMPOUNDS_HEADER);
        }
        run(request, response, chain, metadata, caller, refusal);
    }

    private void run(HttpServletRequest request, HttpServletResponse response, FilterChain chain,
                     RequestMetadata metadata, Caller caller, Refusal refusal) throws ServletException, IOException {
        try (RequestMetadata.Scope ignored = RequestMetadata.bind(metadata);
             Caller.Scope ignoredCaller = caller == null ? () -> { } : Caller.bind(caller)) {
            if (refusal != null) {
                refusal.write();
            } else {
                chain.doFilter(request, response);
            }
        }
    }

    private void malformedHeader(HttpServletRequest request, HttpServletResponse response, String header)
            throws IOException {
        problems.write(request, response, Problems.validation(List.of(new FieldProblem(header,
                "must be 1 to 128 characters of letters, digits and . _ : @ -"))));
    }

    @FunctionalInterface
    private interface Refusal {
        void write() throws IOException;
    }
}
