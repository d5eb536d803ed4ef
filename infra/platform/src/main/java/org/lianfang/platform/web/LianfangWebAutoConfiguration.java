package org.lianfang.platform.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoDatabase;
import java.time.Clock;
import org.apache.catalina.webresources.TomcatURLStreamHandlerFactory;
import org.lianfang.identity.IdentityCodec;
import org.lianfang.platform.LianfangProperties;
import org.lianfang.platform.idempotency.IdempotencyFilter;
import org.lianfang.platform.idempotency.IdempotencyStore;
import org.lianfang.platform.mongo.LianfangMongoAutoConfiguration;
import org.lianfang.platform.problem.ProblemDetailsAdvice;
import org.lianfang.platform.problem.ProblemErrorController;
import org.lianfang.platform.problem.ProblemErrorReportValve;
import org.lianfang.platform.problem.ProblemWriter;
import org.lianfang.platform.security.AllowedRolesInterceptor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.WebMvcAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.error.ErrorMvcAutoConfiguration;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The HTTP side every service shares: request metadata and correlation ids, the body size limit,
 * {@code Idempotency-Key} handling, strict JSON request bodies and problem details for every error.
 */
@AutoConfiguration(
        after = {LianfangMongoAutoConfiguration.class, JacksonAutoConfiguration.class},
        before = {WebMvcAutoConfiguration.class, ErrorMvcAutoConfiguration.class})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class LianfangWebAutoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(LianfangWebAutoConfiguration.class);

    /** Runs first: everything after it, even a 413, carries the correlation id. */
    public static final int METADATA_ORDER = Ordered.HIGHEST_PRECEDENCE + 10;
    public static final int BODY_LIMIT_ORDER = Ordered.HIGHEST_PRECEDENCE + 20;
    /** After authentication (Spring Security's chain is at -100), which decides the actor. */
    public static final int IDEMPOTENCY_ORDER = -50;

    @Bean
    ProblemWriter problemWriter(ObjectMapper objectMapper) {
        return new ProblemWriter(objectMapper);
    }

    @Bean
    ProblemDetailsAdvice problemDetailsAdvice() {
        return new ProblemDetailsAdvice();
    }

    @Bean
    @ConditionalOnMissingBean(org.springframework.boot.web.servlet.error.ErrorController.class)
    ProblemErrorController problemErrorController() {
        return new ProblemErrorController();
    }

    /**
     * Tomcat registers a JVM-wide URL handler factory that only one Tomcat per JVM may hold; several
     * services in one JVM (the in-process end-to-end suite) would fail to start. Executable jars do
     * not need it (Spring Boot's loader handles {@code nested:} URLs).
     */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> tomcatUrlHandlerOff() {
        return factory -> TomcatURLStreamHandlerFactory.disable();
    }

    /** Requests Tomcat refuses before Spring runs (bad path encodings) are answered as problem details too. */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> tomcatProblemErrorReports() {
        return factory -> factory.addContextCustomizers(ProblemErrorReportValve::install);
    }

    /** Function-level authorisation: {@code @Allowed} on controllers. */
    @Bean
    WebMvcConfigurer allowedRolesConfigurer() {
        return new WebMvcConfigurer() {
            @Override
            public void addInterceptors(InterceptorRegistry registry) {
                registry.addInterceptor(new AllowedRolesInterceptor());
            }
        };
    }

    /** Phones and ID numbers masked by role, in every JSON answer ({@link org.lianfang.platform.security.FieldMasking}). */
    @Bean
    FieldMaskingAdvice fieldMaskingAdvice(ObjectMapper objectMapper) {
        return new FieldMaskingAdvice(objectMapper);
    }

    @Bean
    StrictJsonRequests strictJsonRequests(ObjectMapper objectMapper) {
        return new StrictJsonRequests(objectMapper);
    }

    @Bean
    FilterRegistrationBean<RequestMetadataFilter> requestMetadataFilter(ProblemWriter problems,
                                                                        LianfangProperties properties) {
        IdentityCodec identities = null;
        if (properties.security().signed()) {
            identities = new IdentityCodec(properties.security().identityKey(),
                    Clock.offset(Clock.systemUTC(), properties.security().maxClockSkew().negated()));
        } else {
            log.warn("lianfang.security.identity-key is not set: this service trusts the X-Actor* headers "
                    + "of every request. Development and tests only; set LIANFANG_IDENTITY_KEY in production.");
        }
        FilterRegistrationBean<RequestMetadataFilter> registration =
                new FilterRegistrationBean<>(new RequestMetadataFilter(problems, identities));
        registration.setOrder(METADATA_ORDER);
        return registration;
    }

    @Bean
    FilterRegistrationBean<BodySizeLimitFilter> bodySizeLimitFilter(LianfangProperties properties,
                                                                    ProblemWriter problems) {
        FilterRegistrationBean<BodySizeLimitFilter> registration = new FilterRegistrationBean<>(
                new BodySizeLimitFilter(properties.http().maxBodySize().toBytes(), problems));
        registration.setOrder(BODY_LIMIT_ORDER);
        return registration;
    }

    /** Every list's page size, whatever its controller declares ({@code lianfang.http.max-page-size}, 500). */
    @Bean
    FilterRegistrationBean<PageSizeLimitFilter> pageSizeLimitFilter(
            @Value("${lianfang.http.max-page-size:500}") int maxPageSize, ProblemWriter problems) {
        FilterRegistrationBean<PageSizeLimitFilter> registration =
                new FilterRegistrationBean<>(new PageSizeLimitFilter(maxPageSize, problems));
        registration.setOrder(BODY_LIMIT_ORDER + 1);
        return registration;
    }

    @Bean
    IdempotencyStore idempotencyStore(MongoDatabase serviceDatabase, LianfangProperties properties) {
        return new IdempotencyStore(serviceDatabase, properties.idempotency().retention(),
                properties.idempotency().lockTimeout(), Clock.systemUTC());
    }

    @Bean
    FilterRegistrationBean<IdempotencyFilter> idempotencyFilter(IdempotencyStore store, ProblemWriter problems) {
        FilterRegistrationBean<IdempotencyFilter> registration =
                new FilterRegistrationBean<>(new IdempotencyFilter(store, problems));
        registration.setOrder(IDEMPOTENCY_ORDER);
        return registration;
    }
}
