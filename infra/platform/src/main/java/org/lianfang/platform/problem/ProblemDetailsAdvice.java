package org.lianfang.platform.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.ConstraintViolationException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.modelling.command.ConflictingModificationException;
import org.lianfang.contracts.RuleViolationException;
import org.lianfang.eventstore.StoreUnavailableException;
import org.lianfang.platform.security.UnauthenticatedException;
import org.lianfang.platform.web.RejectedValueException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.context.support.DefaultMessageSourceResolvable;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.validation.method.ParameterErrors;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Turns every exception that reaches a controller into an RFC 9457 problem. Client mistakes get
 * a 4xx that names what to fix (one entry per bad field); a server fault gets a bare 500 with the
 * correlation id and nothing from the inside. Stack traces stay in the log.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE - 100)
public class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldProblem> errors = new ArrayList<>();
        ex.getBindingResult().getFieldErrors().forEach(e -> errors.add(fieldProblem(e)));
        ex.getBindingResult().getGlobalErrors().forEach(e ->
                errors.add(new FieldProblem(e.getObjectName(), reason(e))));
        return handleExceptionInternal(ex, Problems.validation(errors), headers, HttpStatus.BAD_REQUEST, request);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldProblem> errors = new ArrayList<>();
        ex.getParameterValidationResults().forEach(result -> {
            if (result instanceof ParameterErrors parameterErrors) {
                parameterErrors.getFieldErrors().forEach(e -> errors.add(fieldProblem(e)));
            } else {
                String name = result.getMethodParameter().getParameterName();
                result.getResolvableErrors().forEach(e -> errors.add(new FieldProblem(name, reason(e))));
            }
        });
        return handleExceptionInternal(ex, Problems.validation(errors), headers, HttpStatus.BAD_REQUEST, request);
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        String name = ex instanceof MethodArgumentTypeMismatchException m ? m.getName() : ex.getPropertyName();
        ProblemDetail body = Problems.validation(List.of(new FieldProblem(String.valueOf(name),
                "must be " + describe(ex.getRequiredType()))));
        return handleExceptionInternal(ex, body, headers, HttpStatus.BAD_REQUEST, request);
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ProblemDetail body = Problems.validation(List.of(new FieldProblem(ex.getParameterName(), "is required")));
        return handleExceptionInternal(ex, body, headers, HttpStatus.BAD_REQUEST, request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMediaTypeNotSupported(HttpMediaTypeNotSupportedException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ProblemDetail body = Problems.of(ProblemType.UNSUPPORTED_MEDIA_TYPE, "Content type '"
                + ex.getContentType() + "' is not supported; send application/json.");
        return handleExceptionInternal(ex, body, headers, status, request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return handleExceptionInternal(ex, unreadable(ex), headers, HttpStatus.BAD_REQUEST, request);
    }

    @ExceptionHandler(MissingRequestHeaderException.class)
    ResponseEntity<Object> missingHeader(MissingRequestHeaderException ex, WebRequest request) {
        return problem(ex, Problems.validation(List.of(new FieldProblem(ex.getHeaderName(), "is required"))),
                request);
    }

    @ExceptionHandler(ConstraintViolationException.class)
    ResponseEntity<Object> constraintViolation(ConstraintViolationException ex, WebRequest request) {
        List<FieldProblem> errors = ex.getConstraintViolations().stream()
                .map(v -> new FieldProblem(lastNode(v.getPropertyPath().toString()), v.getMessage()))
                .toList();
        return problem(ex, Problems.validation(errors), request);
    }

    @ExceptionHandler(InvalidRequestException.class)
    ResponseEntity<Object> invalidRequest(InvalidRequestException ex, WebRequest request) {
        return problem(ex, Problems.validation(ex.errors()), request);
    }

    @ExceptionHandler(ResourceNotFoundException.class)
    ResponseEntity<Object> notFound(ResourceNotFoundException ex, WebRequest request) {
        return problem(ex, Problems.of(ProblemType.NOT_FOUND, ex.getMessage()), request);
    }

    @ExceptionHandler(AggregateNotFoundException.class)
    ResponseEntity<Object> aggregateNotFound(AggregateNotFoundException ex, WebRequest request) {
        return problem(ex, Problems.of(ProblemType.NOT_FOUND,
                "No resource with id '" + ex.getAggregateIdentifier() + "'."), request);
    }

    @ExceptionHandler(UnauthenticatedException.class)
    ResponseEntity<Object> unauthenticated(UnauthenticatedException ex, WebRequest request) {
        return problem(ex, Problems.of(ProblemType.UNAUTHORIZED, ex.getMessage()), request);
    }

    @ExceptionHandler(ForbiddenException.class)
    ResponseEntity<Object> forbidden(ForbiddenException ex, WebRequest request) {
        return problem(ex, Problems.of(ProblemType.FORBIDDEN, ex.getMessage()), request);
    }

    @ExceptionHandler(RuleViolationException.class)
    ResponseEntity<Object> ruleViolation(RuleViolationException ex, WebRequest request) {
        ProblemDetail body = Problems.of(ProblemType.RULE_VIOLATION, ex.getMessage());
        body.setProperty("rule", ex.rule());
        return problem(ex, body, request);
    }

    @ExceptionHandler({ConcurrencyException.class, ConflictingModificationException.class,
            AggregateStreamCreationException.class})
    ResponseEntity<Object> conflict(Exception ex, WebRequest request) {
        return problem(ex, Problems.of(ProblemType.CONFLICT,
                "The resource was changed or created concurrently; read it again and retry."), request);
    }

    @ExceptionHandler({MongoTimeoutException.class, MongoSocketException.class, StoreUnavailableException.class})
    ResponseEntity<Object> storeUnavailable(Exception ex, WebRequest request) {
        log.error("The store is unavailable", ex);
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.RETRY_AFTER, "5");
        return handleExceptionInternal(ex, Problems.of(ProblemType.SERVICE_UNAVAILABLE,
                "The data store is unavailable; retry later."), headers, HttpStatus.SERVICE_UNAVAILABLE, request);
    }

    /** Distributed command buses wrap the handler's exception; answer as for the exception itself. */
    @ExceptionHandler(CommandExecutionException.class)
    ResponseEntity<Object> commandExecution(CommandExecutionException ex, WebRequest request) {
        Throwable cause = ex.getCause();
        if (cause instanceof RuleViolationException rule) {
            return ruleViolation(rule, request);
        }
        if (cause instanceof ConcurrencyException || cause instanceof ConflictingModificationException
                || cause instanceof AggregateStreamCreationException) {
            return conflict((Exception) cause, request);
        }
        if (cause instanceof AggregateNotFoundException notFound) {
            return aggregateNotFound(notFound, request);
        }
        return unexpected(ex, request);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception ex, WebRequest request) {
        log.error("Unexpected error serving {}", path(request), ex);
        return handleExceptionInternal(ex, Problems.of(ProblemType.INTERNAL,
                "An unexpected error occurred; quote the correlation id when reporting it."),
                new HttpHeaders(), HttpStatus.INTERNAL_SERVER_ERROR, request);
    }

    @Override
    protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode statusCode,
            WebRequest request) {
        ProblemDetail problem = body instanceof ProblemDetail p ? p : ProblemDetail.forStatus(statusCode);
        Problems.complete(problem, statusCode, path(request));
        return new ResponseEntity<>(problem, headers, statusCode);
    }

    private ResponseEntity<Object> problem(Exception ex, ProblemDetail body, WebRequest request) {
        return handleExceptionInternal(ex, body, new HttpHeaders(), HttpStatusCode.valueOf(body.getStatus()), request);
    }

    private static ProblemDetail unreadable(HttpMessageNotReadableException ex) {
        Throwable cause = ex.getCause();
        if (cause instanceof UnrecognizedPropertyException unknown) {
            return Problems.validation(List.of(new FieldProblem(path(unknown), "is not a known field")));
        }
        if (cause instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()
                && !(cause instanceof com.fasterxml.jackson.core.JsonParseException)) {
            return Problems.validation(List.of(new FieldProblem(path(mapping), reason(mapping))));
        }
        if (cause instanceof MismatchedInputException mismatch && mismatch.getPath().isEmpty()) {
            return Problems.of(ProblemType.MALFORMED_REQUEST, "The body must be " + describe(mismatch.getTargetType())
                    + ".");
        }
        if (cause instanceof JsonProcessingException json) {
            String where = json.getLocation() == null ? ""
                    : " (line " + json.getLocation().getLineNr() + ", column " + json.getLocation().getColumnNr() + ")";
            return Problems.of(ProblemType.MALFORMED_REQUEST, "The body is not well-formed JSON" + where + ".");
        }
        return Problems.of(ProblemType.MALFORMED_REQUEST, "A readable request body is required.");
    }

    private static String reason(JsonMappingException ex) {
        if (ex instanceof RejectedValueException rejected) {
            return rejected.reason();
        }
        if (ex instanceof ValueInstantiationException) {
            Throwable cause = ex.getCause();
            return cause instanceof IllegalArgumentException && cause.getMessage() != null
                    ? cause.getMessage() : "is not valid";
        }
        if (ex instanceof InvalidFormatException format) {
            return "must be " + describe(format.getTargetType());
        }
        if (ex instanceof MismatchedInputException mismatch) {
            return "must be " + describe(mismatch.getTargetType());
        }
        return "is not valid";
    }

    static String describe(Class<?> type) {
        if (type == null) {
            return "a valid value";
        }
        if (type.isEnum()) {
            return "one of " + Arrays.stream(type.getEnumConstants()).map(String::valueOf)
                    .collect(Collectors.joining(", "));
        }
        if (type == String.class || type == Character.class || type == char.class) {
            return "a string";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class
                || type == Short.class || type == short.class || type == BigInteger.class) {
            return "an integer";
        }
        if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class
                || type == BigDecimal.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == LocalDate.class) {
            return "a date (yyyy-MM-dd)";
        }
        if (type == LocalTime.class) {
            return "a time (HH:mm[:ss])";
        }
        if (type == Instant.class || type == OffsetDateTime.class || type == ZonedDateTime.class) {
            return "a UTC timestamp (ISO-8601, e.g. 2020-02-01T08:00:00Z)";
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "an array";
        }
        if (Map.class.isAssignableFrom(type) || type.isRecord()) {
            return "an object";
        }
        return "a valid value";
    }

    private static String path(JsonMappingException ex) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : ex.getPath()) {
            if (reference.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static FieldProblem fieldProblem(FieldError error) {
        if (error.isBindingFailure()) {
            return new FieldProblem(error.getField(), "has the wrong type");
        }
        return new FieldProblem(error.getField(), reason(error));
    }

    private static String reason(MessageSourceResolvable error) {
        String message = error.getDefaultMessage();
        if (message == null && error instanceof DefaultMessageSourceResolvable d && d.getCodes() != null) {
            message = d.getCode();
        }
        return message == null ? "is not valid" : message;
    }

    private static String lastNode(String propertyPath) {
        int dot = propertyPath.lastIndexOf('.');
        return dot < 0 ? propertyPath : propertyPath.substring(dot + 1);
    }

    private static String path(WebRequest request) {
        if (request instanceof NativeWebRequest nativeRequest
                && nativeRequest.getNativeRequest() instanceof HttpServletRequest servlet) {
            return servlet.getRequestURI();
        }
        return null;
    }
}
