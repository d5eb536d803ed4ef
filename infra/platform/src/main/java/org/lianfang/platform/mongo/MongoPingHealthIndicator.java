package org.lianfang.platform.mongo;

import com.mongodb.client.MongoDatabase;
import org.bson.Document;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;

/**
 * Reports the store as up if it answers {@code ping}. Spring Boot's indicator uses {@code hello},
 * which the embedded store does not implement; {@code ping} works on both stores.
 */
public class MongoPingHealthIndicator extends AbstractHealthIndicator {

    private final MongoDatabase database;

    public MongoPingHealthIndicator(MongoDatabase database) {
        super("MongoDB ping failed");
        this.database = database;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        Document reply = database.runCommand(new Document("ping", 1));
        builder.up().withDetail("database", database.getName()).withDetail("ok", reply.get("ok"));
    }
}
