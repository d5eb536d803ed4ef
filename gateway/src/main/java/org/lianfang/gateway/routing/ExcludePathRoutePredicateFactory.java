package org.lianfang.gateway.routing;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import org.springframework.cloud.gateway.handler.predicate.AbstractRoutePredicateFactory;
import org.springframework.http.server.PathContainer;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Route predicate {@code ExcludePath=<pattern>,...}: matches when the path matches none of the
 * patterns. It lets a route own a resource while the gateway keeps a sub-path for itself, such as
 * {@code /api/v1/persons/{id}/trail}, which is composed here from every service's events and must
 * never reach the registry alone. Path patterns in YAML cannot be negated otherwise.
 */
public class ExcludePathRoutePredicateFactory extends AbstractRoutePredicateFactory<ExcludePathRoutePredicateFactory.Config> {

    public ExcludePathRoutePredicateFactory() {
        super(Config.class);
    }

    @Override
    public List<String> shortcutFieldOrder() {
        return List.of("patterns");
    }

    @Override
    public ShortcutType shortcutType() {
        return ShortcutType.GATHER_LIST;
    }

    @Override
    public Predicate<ServerWebExchange> apply(Config config) {
        List<PathPattern> excluded = config.getPatterns().stream().map(PathPatternParser.defaultInstance::parse).toList();
        return exchange -> {
            PathContainer path = exchange.getRequest().getPath().pathWithinApplication();
            return excluded.stream().noneMatch(pattern -> pattern.matches(path));
        };
    }

    /** The excluded path patterns, in Spring's {@link PathPattern} syntax. */
    public static class Config {

        private List<String> patterns = new ArrayList<>();

        public List<String> getPatterns() {
            return patterns;
        }

        public Config setPatterns(List<String> patterns) {
            this.patterns = patterns;
            return this;
        }
    }
}
