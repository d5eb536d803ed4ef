package org.lianfang.platform.mongo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.MongoClientSettings;
import com.mongodb.ConnectionString;
import com.mongodb.MongoTimeoutException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.lianfang.platform.testapp.EmbeddedMongo;
import org.lianfang.platform.testapp.TestApplication;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.core.NestedExceptionUtils;

/** An unreachable store must be a clear failure within the configured timeouts, never a hang. */
class UnreachableStoreTest {

    @Test
    void pingIsUpOnTheEmbeddedStoreAndDownWhenItIsGone() {
        EmbeddedMongo server = new EmbeddedMongo();
        try (MongoClient client = MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(server.uri()))
                .applyToClusterSettings(c -> c.serverSelectionTimeout(500, TimeUnit.MILLISECONDS))
                .build())) {
            MongoPingHealthIndicator indicator = new MongoPingHealthIndicator(client.getDatabase("lianfang_x"));
            assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);

            server.shutdown();
            Health down = indicator.health();

            assertThat(down.getStatus()).isEqualTo(Status.DOWN);
        }
    }

    @Test
    @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aServiceWhoseStoreIsUnreachableFailsToStartWithATimeout() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }

        assertThatThrownBy(() -> new SpringApplicationBuilder(TestApplication.class)
                .run("--server.port=0", "--lianfang.mongodb.uri=mongodb://127.0.0.1:" + closedPort,
                        "--lianfang.mongodb.server-selection-timeout=1s"))
                .satisfies(e -> assertThat(NestedExceptionUtils.getMostSpecificCause(e))
                        .isInstanceOfAny(MongoTimeoutException.class, java.net.ConnectException.class));
    }
}
