package org.lianfang.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

import io.netty.channel.ConnectTimeoutException;

/** Which failures {@link ConnectRetryGatewayFilterFactory} retries: only a connection never made. */
class ConnectRetryTest {

    @Test
    void aConnectionNeverMadeIsRetried() {
        assertThat(ConnectRetryGatewayFilterFactory.connectFailure(new ConnectException("refused"))).isTrue();
        assertThat(ConnectRetryGatewayFilterFactory.connectFailure(new ConnectTimeoutException("connect timed out"))).isTrue();
        assertThat(ConnectRetryGatewayFilterFactory.connectFailure(new UnknownHostException("checkpoint-2"))).isTrue();
        assertThat(ConnectRetryGatewayFilterFactory.connectFailure(
                new IllegalStateException(new UnknownHostException("checkpoint-2")))).isTrue();
    }

    @Test
    void nothingAfterTheConnectionIsRetried() {
        assertThat(ConnectRetryGatewayFilterFactory.connectFailure(new IOException("Connection reset by peer"))).isFalse();
        assertThat(ConnectRetryGatewayFilterFactory.connectFailure(
                new ResponseStatusException(HttpStatus.GATEWAY_TIMEOUT, "timeout", new TimeoutException()))).isFalse();
        assertThat(ConnectRetryGatewayFilterFactory.connectFailure(new IllegalStateException("no cause"))).isFalse();
    }
}
