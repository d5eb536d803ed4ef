package org.lianfang.platform.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/** Enforces {@link Allowed} before a handler runs; the problem advice turns the refusal into 401/403. */
public class AllowedRolesInterceptor implements HandlerInterceptor {

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!(handler instanceof HandlerMethod method)) {
            return true;
        }
        Allowed allowed = AnnotatedElementUtils.findMergedAnnotation(method.getMethod(), Allowed.class);
        if (allowed == null) {
            allowed = AnnotatedElementUtils.findMergedAnnotation(method.getBeanType(), Allowed.class);
        }
        if (allowed == null) {
            return true;
        }
        Caller caller = Caller.current()
                .orElseThrow(() -> new UnauthenticatedException("This request needs an authenticated caller."));
        caller.requireRole(allowed.value());
        return true;
    }
}
