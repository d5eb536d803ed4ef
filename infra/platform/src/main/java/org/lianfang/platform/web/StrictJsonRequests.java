package org.lianfang.platform.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.json.MappingJackson2HttpMessageConverter;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Reads request bodies strictly: an unknown field, a number where text belongs, text where a
 * number belongs, a duplicate key or trailing garbage is a 400 naming the field, not a silently
 * ignored or coerced value. Every string must pass {@link TextRules} (no control, bidi-override or
 * only-invisible characters), and dates and timestamps must be ISO-8601 strings: Jackson would
 * otherwise read {@code 1580000000} as seconds since 1970 or {@code [2020,1,24]} as a date. Only the
 * MVC converter gets this mapper; responses and the mapper other components share are untouched.
 */
public class StrictJsonRequests implements WebMvcConfigurer {

    private final ObjectMapper strict;

    public StrictJsonRequests(ObjectMapper applicationMapper) {
        this.strict = strict(applicationMapper);
    }

    @Override
    public void extendMessageConverters(List<HttpMessageConverter<?>> converters) {
        for (int i = 0; i < converters.size(); i++) {
            if (converters.get(i) instanceof MappingJackson2HttpMessageConverter) {
                converters.set(i, new MappingJackson2HttpMessageConverter(strict));
            }
        }
    }

    @SuppressWarnings("deprecation")
    static ObjectMapper strict(ObjectMapper base) {
        ObjectMapper mapper = base.copy()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES,
                        DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES,
                        DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS,
                        DeserializationFeature.FAIL_ON_TRAILING_TOKENS,
                        DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .configure(MapperFeature.ALLOW_COERCION_OF_SCALARS, false);
        mapper.getFactory().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION.mappedFeature());
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Enum)
                .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        SimpleModule rules = new SimpleModule("lianfang-strict-requests");
        rules.addDeserializer(String.class, new CheckedText());
        rules.setDeserializerModifier(new BeanDeserializerModifier() {
            @Override
            public JsonDeserializer<?> modifyDeserializer(DeserializationConfig config, BeanDescription description,
                                                          JsonDeserializer<?> deserializer) {
                return TIME_TYPES.contains(description.getBeanClass())
                        ? new TextOnlyTime(deserializer, description.getBeanClass()) : deserializer;
            }
        });
        mapper.registerModule(rules);
        return mapper;
    }

    static final Set<Class<?>> TIME_TYPES = Set.of(Instant.class, LocalDate.class, LocalDateTime.class,
            LocalTime.class, OffsetDateTime.class, ZonedDateTime.class, YearMonth.class);

    /** Reads a string as Jackson does (same coercion rules), then applies {@link TextRules}. */
    static final class CheckedText extends StdScalarDeserializer<String> {

        CheckedText() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String value = StringDeserializer.instance.deserialize(parser, context);
            if (value != null) {
                Optional<String> problem = TextRules.problemWith(value);
                if (problem.isPresent()) {
                    throw new RejectedValueException(parser, String.class, problem.get());
                }
            }
            return value;
        }
    }

    /**
     * A date or time given as anything but an ISO-8601 string (a number, a string of digits, an
     * array) is refused before Jackson's parser sees it.
     */
    static final class TextOnlyTime extends DelegatingDeserializer {

        /** Jackson reads a string of digits as seconds since 1970 too. */
        private static final Pattern NUMBER = Pattern.compile("\\s*[-+]?[0-9]+(\\.[0-9]*)?\\s*");

        private final Class<?> type;

        TextOnlyTime(JsonDeserializer<?> delegate, Class<?> type) {
            super(delegate);
            this.type = type;
        }

        @Override
        protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> delegate) {
            return new TextOnlyTime(delegate, type);
        }

        @Override
        public Object deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            JsonToken token = parser.currentToken();
            boolean numeric = token != null && token.isNumeric()
                    || token == JsonToken.VALUE_STRING && NUMBER.matcher(parser.getText()).matches();
            if (numeric || token != JsonToken.VALUE_STRING && token != JsonToken.VALUE_NULL) {
                throw new RejectedValueException(parser, type, "must be " + (type == Instant.class
                        || type == OffsetDateTime.class || type == ZonedDateTime.class
                        ? "an ISO-8601 timestamp string, e.g. 2020-02-01T08:00:00Z"
                        : "an ISO-8601 string") + ", not a " + (numeric ? "number"
                        : "non-string value"));
            }
            return super.deserialize(parser, context);
        }
    }
}
