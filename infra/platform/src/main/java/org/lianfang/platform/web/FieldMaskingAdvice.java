package org.lianfang.platform.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import org.lianfang.platform.security.Caller;
import org.lianfang.platform.security.FieldMasking;
import org.springframework.core.MethodParameter;
import org.springframework.core.io.Resource;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

/**
 * Applies {@link FieldMasking} to every JSON answer of every {@code /api/**} controller, where the
 * response is produced: a service cannot forget it on a new endpoint. Problem details pass untouched.
 */
@RestControllerAdvice
public class FieldMaskingAdvice implements ResponseBodyAdvice<Object> {

    private final ObjectMapper objectMapper;

    public FieldMaskingAdvice(ObjectMapper objectMapper) {
        this.objectMapper = objectMapper;
    }

    @Override
    public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
        return true;
    }

    @Override
    public Object beforeBodyWrite(Object body, MethodParameter returnType, MediaType contentType,
                                  Class<? extends HttpMessageConverter<?>> converterType, ServerHttpRequest request,
                                  ServerHttpResponse response) {
        if (body == null || body instanceof String || body instanceof byte[] || body instanceof Resource
                || body instanceof org.springframework.http.ProblemDetail
                || contentType == null || !MediaType.APPLICATION_JSON.isCompatibleWith(contentType)
                || !request.getURI().getPath().startsWith("/api/")) {
            return body;
        }
        String reason = request instanceof ServletServerHttpRequest servlet
                ? reasonOf(servlet.getServletRequest()) : null;
        boolean phonesWhole = FieldMasking.showsPhones(Caller.current().orElse(null), reason);
        if (body instanceof JsonNode node) {
            // the controller's own tree is left as it is: copied only when something must be masked
            if (!FieldMasking.needsMasking(node, phonesWhole)) {
                return node;
            }
            JsonNode copy = node.deepCopy();
            FieldMasking.maskInPlace(copy, phonesWhole);
            return copy;
        }
        JsonNode tree = objectMapper.valueToTree(body);
        FieldMasking.maskInPlace(tree, phonesWhole);
        return tree;
    }

    private static String reasonOf(HttpServletRequest request) {
        String query = request.getQueryString();
        if (query == null || !query.contains(FieldMasking.REASON_PARAMETER + "=")) {
            return null;
        }
        String raw = org.springframework.web.util.UriComponentsBuilder.newInstance().query(query).build()
                .getQueryParams().getFirst(FieldMasking.REASON_PARAMETER);
        return raw == null ? null : org.springframework.web.util.UriUtils.decode(raw.replace('+', ' '),
                java.nio.charset.StandardCharsets.UTF_8);
    }
}
