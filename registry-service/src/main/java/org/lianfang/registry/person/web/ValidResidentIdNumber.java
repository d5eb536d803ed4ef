package org.lianfang.registry.person.web;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;
import org.lianfang.contracts.registry.ResidentIdNumber;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A resident ID number valid under GB 11643-1999, whose holder is not born in the future. The message says what exactly is wrong (length,
 * birth date, check character), so a registrar knows which digit to look at. Blank values are
 * left to {@code @NotBlank}.
 */
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = ValidResidentIdNumber.Validator.class)
public @interface ValidResidentIdNumber {

    String message() default "is not a valid resident ID number";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /**
     * Checks with {@link ResidentIdNumber#problemWith(String, LocalDate)}, accepting a lower-case x.
     * "Today" is the service's clock in China Standard Time (an adjustable clock moves it in a demo);
     * a day of slack covers clients a time zone ahead.
     */
    class Validator implements ConstraintValidator<ValidResidentIdNumber, String> {

        private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

        private final Clock clock;

        public Validator() {
            this(Clock.systemUTC());
        }

        @Autowired
        public Validator(Clock clock) {
            this.clock = clock;
        }

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            if (value == null || value.isBlank()) {
                return true;
            }
            Optional<String> problem = ResidentIdNumber.problemWith(value.toUpperCase(),
                    LocalDate.now(clock.withZone(CHINA)).plusDays(1));
            problem.ifPresent(reason -> {
                context.disableDefaultConstraintViolation();
                context.buildConstraintViolationWithTemplate(reason).addConstraintViolation();
            });
            return problem.isEmpty();
        }
    }
}
