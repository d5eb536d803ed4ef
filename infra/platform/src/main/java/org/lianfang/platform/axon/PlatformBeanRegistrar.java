package org.lianfang.platform.axon;

import java.util.List;
import java.util.Map;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;

/**
 * Registers the beans whose number depends on configuration: one {@link ConsumedEventSource}
 * named {@code <service>Events} per entry of {@code lianfang.consumes}, and one
 * {@link SnapshotTriggerDefinition} named {@code <aggregate>SnapshotTrigger} per entry of
 * {@code lianfang.snapshots} (e.g. {@code lianfang.snapshots.Person=50} gives
 * {@code personSnapshotTrigger}, which {@code @Aggregate(snapshotTriggerDefinition = ...)} names).
 */
public class PlatformBeanRegistrar implements BeanDefinitionRegistryPostProcessor, EnvironmentAware {

    private Environment environment;

    /** The bean name of the consumed event source of {@code serviceName}. */
    public static String consumedSourceBeanName(String serviceName) {
        return camelCase(serviceName) + "Events";
    }

    /** The bean name of the snapshot trigger of {@code aggregateName}. */
    public static String snapshotTriggerBeanName(String aggregateName) {
        return camelCase(aggregateName) + "SnapshotTrigger";
    }

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) {
        Binder binder = Binder.get(environment);
        BeanFactory beanFactory = (BeanFactory) registry;
        List<String> consumes = binder.bind("lianfang.consumes", Bindable.listOf(String.class)).orElse(List.of());
        for (String service : consumes) {
            RootBeanDefinition definition = new RootBeanDefinition(ConsumedEventSource.class, () ->
                    beanFactory.getBean(LianfangAxonAutoConfiguration.ConsumedEventSourceFactory.class).create(service));
            registry.registerBeanDefinition(consumedSourceBeanName(service), definition);
        }
        Map<String, Integer> snapshots = binder.bind("lianfang.snapshots", Bindable.mapOf(String.class, Integer.class))
                .orElse(Map.of());
        snapshots.forEach((aggregate, threshold) -> {
            if (threshold == null || threshold < 1) {
                throw new IllegalStateException("lianfang.snapshots." + aggregate + " must be a positive event count");
            }
            RootBeanDefinition definition = new RootBeanDefinition(SnapshotTriggerDefinition.class, () ->
                    new EventCountSnapshotTriggerDefinition(beanFactory.getBean(Snapshotter.class), threshold));
            registry.registerBeanDefinition(snapshotTriggerBeanName(aggregate), definition);
        });
    }

    static String camelCase(String name) {
        StringBuilder result = new StringBuilder(name.length());
        boolean upper = false;
        for (char c : name.toCharArray()) {
            if (c == '-' || c == '_' || c == '.') {
                upper = true;
            } else if (result.isEmpty()) {
                result.append(Character.toLowerCase(c));
            } else {
                result.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return result.toString();
    }
}
