package org.lianfang.platform.axon;

import static org.lianfang.contracts.MetadataKeys.ACTOR;
import static org.lianfang.contracts.MetadataKeys.CAUSATION_ID;
import static org.lianfang.contracts.MetadataKeys.COMMUNITY_ID;
import static org.lianfang.contracts.MetadataKeys.CORRELATION_ID;
import static org.lianfang.contracts.MetadataKeys.PERSON_IDS;
import static org.lianfang.contracts.MetadataKeys.SOURCE_SERVICE;

import java.util.HashMap;
import java.util.Map;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.correlation.CorrelationDataProvider;

/**
 * Carries the request's metadata from the message being handled to every message created while
 * handling it: actor, community and correlation id always, the person ids only from a command
 * (an event handler's new command names its own people), and this service as the source.
 */
public class EventMetadataProvider implements CorrelationDataProvider {

    private final String serviceName;

    public EventMetadataProvider(String serviceName) {
        this.serviceName = serviceName;
    }

    @Override
    public Map<String, ?> correlationDataFor(Message<?> message) {
        MetaData metaData = message.getMetaData();
        Map<String, Object> data = new HashMap<>();
        copy(metaData, data, ACTOR);
        copy(metaData, data, COMMUNITY_ID);
        data.put(CORRELATION_ID, metaData.getOrDefault(CORRELATION_ID, message.getIdentifier()));
        data.put(CAUSATION_ID, message.getIdentifier());
        if (message instanceof CommandMessage) {
            copy(metaData, data, PERSON_IDS);
        }
        data.put(SOURCE_SERVICE, serviceName);
        return data;
    }

    private static void copy(MetaData from, Map<String, Object> to, String key) {
        Object value = from.get(key);
        if (value != null) {
            to.put(key, value);
        }
    }
}
