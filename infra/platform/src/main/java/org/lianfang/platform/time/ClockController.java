package org.lianfang.platform.time;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import org.lianfang.platform.problem.InvalidRequestException;
import org.lianfang.platform.security.Allowed;
import org.lianfang.platform.security.Role;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Moves an adjustable clock forward (admin only). Exists only when {@code lianfang.clock.adjustable=true};
 * the gateway does not route {@code /api/v1/internal/**}, so it is reached with a signed admin identity.
 */
@RestController
@RequestMapping("/api/v1/internal/clock")
@Allowed(Role.ADMIN)
public class ClockController {

    private final AdjustableClock clock;

    public ClockController(AdjustableClock clock) {
        this.clock = clock;
    }

    @GetMapping
    public Map<String, Object> now() {
        return Map.of("now", clock.instant().toString(), "offset", clock.offset().toString());
    }

    /**
     * Body {@code {"advanceBy": "PT12H"}} or {@code {"advanceTo": "2026-12-13T00:00:00Z"}}; the clock
     * never moves backwards (an instant in its past leaves it where it is).
     */
    @PostMapping
    public Map<String, Object> advance(@RequestBody Map<String, Object> body) {
        Object by = body.get("advanceBy");
        Object to = body.get("advanceTo");
        if ((by == null) == (to == null)) {
            throw InvalidRequestException.of("advanceBy", "give exactly one of advanceBy (an ISO-8601 duration) or advanceTo (an instant)");
        }
        if (by != null) {
            Duration duration = parse("advanceBy", by, Duration::parse);
            if (duration.isNegative()) {
                throw InvalidRequestException.of("advanceBy", "must not be negative: the clock only moves forward");
            }
            clock.advance(duration);
        } else {
            clock.advanceTo(parse("advanceTo", to, Instant::parse));
        }
        return now();
    }

    private static <T> T parse(String field, Object value, java.util.function.Function<String, T> parser) {
        try {
            return parser.apply(String.valueOf(value));
        } catch (DateTimeParseException e) {
            throw InvalidRequestException.of(field, "is not valid ISO-8601: " + value);
        }
    }
}
