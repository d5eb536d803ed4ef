package org.lianfang.platform.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.lianfang.platform.problem.FieldProblem;
import org.lianfang.platform.problem.ProblemWriter;
import org.lianfang.platform.problem.Problems;
import org.springframework.util.MultiValueMap;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * One page-size ceiling for every list of every service, whatever a controller declares: a
 * {@code limit}, {@code size} or {@code pageSize} query parameter above {@code lianfang.http.max-page-size}
 * is a 400 problem naming the parameter, before any handler reads the store.
 * The internal service-to-service reads under {@value #INTERNAL} keep their own, documented caps.
 */
public class PageSizeLimitFilter extends OncePerRequestFilter {

    /** The query parameters that ask for a page size. */
    public static final List<String> PARAMETERS = List.of("limit", "size", "pageSize");

    /** Service-to-service reads (events, chain verification) declare and check their own larger caps. */
    static final String INTERNAL = "/api/v1/internal/";

    private final int maxPageSize;
    private final ProblemWriter problems;

    public PageSizeLimitFilter(int maxPageSize, ProblemWriter problems) {
        this.maxPageSize = maxPageSize;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String query = request.getQueryString();
        if (query != null && !request.getRequestURI().startsWith(INTERNAL)) {
            // From the query string only: getParameterValues would read a form body.
            MultiValueMap<String, String> parameters = UriComponentsBuilder.newInstance().query(query).build()
                    .getQueryParams();
            for (String parameter : PARAMETERS) {
                List<String> values = parameters.get(parameter);
                if (values == null) {
                    continue;
                }
                for (String value : values) {
                    if (exceeds(value, maxPageSize)) {
                        problems.write(request, response, Problems.validation(List.of(new FieldProblem(parameter,
                                "must be at most " + maxPageSize))));
                        return;
                    }
                }
            }
        }
        chain.doFilter(request, response);
    }

    /**
     * Whether {@code value} is a whole number above {@code max}. Anything else (not a number, zero)
     * is left to the handler's own binding, which names the parameter too.
     */
    public static boolean exceeds(String value, int max) {
        if (value == null || value.isEmpty()) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            if (!Character.isDigit(value.charAt(i))) {
                return false;
            }
        }
        return value.length() > 9 || Integer.parseInt(value) > max;
    }
}
