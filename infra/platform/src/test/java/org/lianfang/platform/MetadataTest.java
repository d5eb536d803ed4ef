package org.lianfang.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.Test;
import org.lianfang.eventstore.IndexedMongoEventStorageEngine;
import org.lianfang.platform.testapp.PlatformTest;
import org.lianfang.platform.testapp.WidgetProbe;
import org.springframework.beans.factory.annotation.Autowired;

class MetadataTest extends PlatformTest {

    @Autowired
    EventStore eventStore;
    @Autowired
    IndexedMongoEventStorageEngine engine;

    @Test
    void everyEventCarriesTheRequestsMetadataAndItsPeople() {
        HttpResponse<String> created = http.postJson("/api/v1/widgets",
                "{\"name\":\"meta\",\"count\":1,\"personIds\":[\"p-1\",\"p-2\"]}",
                "X-Actor", "registrar-7", "X-Correlation-Id", "corr-meta-1", "X-Community-Id", "anguo-road");
        String id = json(created).get("id").asText();
        http.postJson("/api/v1/widgets/" + id + "/assignments?personId=p-3", "",
                "X-Actor", "medic-2", "X-Correlation-Id", "corr-meta-2", "X-Community-Id", "anguo-road");

        List<? extends DomainEventMessage<?>> events = eventStore.readEvents(id).asStream().toList();

        assertThat(events).hasSize(2);
        MetaData createdMeta = events.get(0).getMetaData();
        assertThat(createdMeta).containsEntry("actor", "registrar-7")
                .containsEntry("correlationId", "corr-meta-1")
                .containsEntry("communityId", "anguo-road")
                .containsEntry("sourceService", "platform-test")
                .containsKey("causationId");
        assertThat(createdMeta.get("personIds")).isEqualTo(List.of("p-1", "p-2"));
        MetaData assignedMeta = events.get(1).getMetaData();
        assertThat(assignedMeta).containsEntry("actor", "medic-2").containsEntry("correlationId", "corr-meta-2");
        assertThat(assignedMeta.get("personIds")).as("an event that names its people wins").isEqualTo(List.of("p-3"));
        assertThat(engine.readPersonEvents("p-2")).extracting(e -> e.getIdentifier())
                .containsExactly(events.get(0).getIdentifier());
        assertThat(engine.readPersonEvents("p-3")).extracting(e -> e.getIdentifier())
                .containsExactly(events.get(1).getIdentifier());
    }

    @Test
    void aRequestWithoutHeadersIsAnonymousWithAGeneratedCorrelationId() {
        HttpResponse<String> created = http.postJson("/api/v1/widgets", "{\"name\":\"anon\",\"count\":1}");
        String id = json(created).get("id").asText();

        MetaData meta = eventStore.readEvents(id).asStream().findFirst().orElseThrow().getMetaData();

        assertThat(meta).containsEntry("actor", "anonymous")
                .containsEntry("correlationId", created.headers().firstValue("X-Correlation-Id").orElseThrow())
                .doesNotContainKey("communityId");
        assertThat(meta.get("personIds")).isEqualTo(List.of());
    }

    @Test
    void trackingProcessorsReceiveTheSameMetadata() {
        HttpResponse<String> created = http.postJson("/api/v1/widgets",
                "{\"name\":\"tracked\",\"count\":1,\"personIds\":[\"p-9\"]}", "X-Correlation-Id", "corr-tracked");
        String id = json(created).get("id").asText();

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
                WidgetProbe.seenByTrackingProcessor().stream().map(EventMessage::getMetaData)
                        .filter(m -> "corr-tracked".equals(m.get("correlationId"))))
                .singleElement()
                .satisfies(m -> assertThat(m.get("personIds")).isEqualTo(List.of("p-9"))));
        assertThat(id).isNotBlank();
    }
}
