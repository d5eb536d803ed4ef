package org.lianfang.platform.axon;

import static org.lianfang.contracts.MetadataKeys.ACTOR;
import static org.lianfang.contracts.MetadataKeys.COMMUNITY_ID;
import static org.lianfang.contracts.MetadataKeys.CORRELATION_ID;
import static org.lianfang.contracts.MetadataKeys.PERSON_IDS;
import static org.lianfang.contracts.MetadataKeys.SOURCE_SERVICE;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.lianfang.contracts.PersonScoped;
import org.lianfang.platform.request.RequestMetadata;

/**
 * Stamps metadata on messages as they are dispatched. A command sent while serving a request gets
 * the request's actor, community and correlation id; any message whose payload is
 * {@link PersonScoped} gets exactly its person ids; every event gets this service as its source.
 * The {@link CorrelationDataProvider} then carries them on to what the handling produces.
 */
final class MessageMetadataInterceptors {

    private MessageMetadataInterceptors() {
    }

    static MessageDispatchInterceptor<CommandMessage<?>> commands() {
        return new MessageDispatchInterceptor<>() {
            @Override
            public BiFunction<Integer, CommandMessage<?>, CommandMessage<?>> handle(
                    List<? extends CommandMessage<?>> messages) {
                return (index, command) -> command.andMetaData(stamp(command, null));
            }
        };
    }

    static MessageDispatchInterceptor<EventMessage<?>> events(String serviceName) {
        return new MessageDispatchInterceptor<>() {
            @Override
            public BiFunction<Integer, EventMessage<?>, EventMessage<?>> handle(
                    List<? extends EventMessage<?>> messages) {
                return (index, event) -> event.andMetaData(stamp(event, serviceName));
            }
        };
    }

    private static Map<String, Object> stamp(Message<?> message, String sourceService) {
        MetaData existing = message.getMetaData();
        Map<String, Object> added = new HashMap<>();
        RequestMetadata.current().ifPresent(request -> {
            if (!existing.containsKey(ACTOR)) {
                added.put(ACTOR, request.actor());
            }
            if (!existing.containsKey(CORRELATION_ID)) {
                added.put(CORRELATION_ID, request.correlationId());
            }
            if (!existing.containsKey(COMMUNITY_ID) && request.communityId() != null) {
                added.put(COMMUNITY_ID, request.communityId());
            }
        });
        if (message.getPayload() instanceof PersonScoped scoped) {
            added.put(PERSON_IDS, List.copyOf(scoped.personIds()));
        }
        if (sourceService != null) {
            added.put(SOURCE_SERVICE, sourceService);
        }
        return added;
    }
}
