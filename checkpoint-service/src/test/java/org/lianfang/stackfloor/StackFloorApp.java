package org.lianfang.stackfloor;

import com.mongodb.WriteConcern;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.bson.Document;
import org.lianfang.contracts.checkpoint.CrossingSubject;
import org.lianfang.contracts.checkpoint.Direction;
import org.lianfang.eventstore.IndexedMongoEventStorageEngine;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.context.PropertyPlaceholderAutoConfiguration;
import org.springframework.boot.autoconfigure.http.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.autoconfigure.validation.ValidationAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.DispatcherServletAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.ServletWebServerFactoryAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.WebMvcAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.error.ErrorMvcAutoConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The stack's floor for {@code crossings.sh}: the least a crossing endpoint on the decided stack
 * can do — Spring Boot's servlet stack (Tomcat, Spring MVC, Jackson, Bean Validation), one
 * {@code insertOne} of the same commit document the raw contender inserts, a JSON answer — with
 * none of the service's own work (no identity check, no Axon, no event store, no projections, no
 * idempotency). Started by the benchmark as a JVM of its own with the service's JVM options, so
 * that "service vs raw" can be read against "the least any service on this stack reaches vs raw"
 * measured in the same run. Not a test, and not part of the suite. Its package is outside
 * {@code org.lianfang.checkpoint} on purpose: the service's component scan must not find it.
 */
@SpringBootConfiguration
@ImportAutoConfiguration({PropertyPlaceholderAutoConfiguration.class, ServletWebServerFactoryAutoConfiguration.class,
        DispatcherServletAutoConfiguration.class, WebMvcAutoConfiguration.class,
        HttpMessageConvertersAutoConfiguration.class, JacksonAutoConfiguration.class,
        ValidationAutoConfiguration.class, ErrorMvcAutoConfiguration.class})
@Import(StackFloorApp.Crossings.class)
public class StackFloorApp {

    public static void main(String[] args) {
        SpringApplication.run(StackFloorApp.class, args);
    }

    /** The body the tablets post, with the service's constraints on the fields they send. */
    record FloorCrossing(
            @NotBlank @Pattern(regexp = "[A-Za-z0-9._:-]{1,64}") String tabletId,
            @NotNull @PositiveOrZero Long sequence,
            @NotNull CrossingSubject subject,
            @Size(max = 64) String personId,
            @NotNull Direction direction,
            BigDecimal temperatureCelsius,
            @NotNull Instant occurredAt) {
    }

    @RestController
    static class Crossings {

        private final MongoClient client;
        private final MongoCollection<Document> floor;
        private volatile Document template;

        Crossings(@Value("${lianfang.floor.store}") String store) {
            this.client = MongoClients.create(store);
            this.floor = client.getDatabase("lianfang_bench_raw").getCollection("floor_crossings")
                    .withWriteConcern(WriteConcern.W1);
        }

        @GetMapping("/floor/health")
        Map<String, String> health() {
            return Map.of("status", "UP");
        }

        /** The same document as the raw contender's: a copy of a stored crossing commit, new {@code _id} and {@code a}. */
        @PostMapping("/floor/checkpoints/{checkpointId}/crossings")
        @ResponseStatus(HttpStatus.CREATED)
        Map<String, Object> record(@PathVariable String checkpointId, @Valid @RequestBody FloorCrossing crossing) {
            Document doc = new Document(template());
            String id = UUID.randomUUID().toString();
            doc.put("_id", id);
            doc.put("a", crossing.tabletId() + "/" + crossing.sequence());
            if (doc.containsKey("z")) {
                doc.put("z", crossing.tabletId() + "/" + crossing.sequence());
            }
            floor.insertOne(doc);
            return Map.of("crossingId", id, "checkpointId", checkpointId, "recorded", true);
        }

        private Document template() {
            Document known = template;
            if (known == null) {
                known = client.getDatabase("lianfang_checkpoint").getCollection(IndexedMongoEventStorageEngine.COMMITS)
                        .find(Filters.eq("type", "CheckpointCrossing")).first();
                if (known == null) {
                    throw new IllegalStateException("no crossing commit stored yet to copy");
                }
                template = known;
            }
            return known;
        }
    }
}
