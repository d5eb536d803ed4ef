package org.lianfang.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class IdentityCodecTest {

    private static final String KEY = "0123456789abcdef0123456789abcdef-test";
    private static final Instant NOW = Instant.parse("2020-02-01T08:00:00Z");
    private final IdentityCodec codec = new IdentityCodec(KEY, Clock.fixed(NOW, ZoneOffset.UTC));

    private SignedIdentity identity() {
        return new SignedIdentity("client-7", "operator", "anguo", List.of("c1"), "POST",
                "/api/v1/persons", NOW.plusSeconds(30));
    }

    @Test
    void anIdentityRoundTripsForItsOwnRequest() {
        String header = codec.sign(identity());
        assertThat(codec.verify(header, "POST", "/api/v1/persons")).contains(identity());
    }

    @Test
    void anotherRequestAnExpiredIdentityOrAnotherKeyIsRefused() {
        String header = codec.sign(identity());
        assertThat(codec.verify(header, "GET", "/api/v1/persons")).isEmpty();
        assertThat(codec.verify(header, "POST", "/api/v1/persons/p-1")).isEmpty();
        IdentityCodec later = new IdentityCodec(KEY, Clock.fixed(NOW.plusSeconds(30), ZoneOffset.UTC));
        assertThat(later.verify(header, "POST", "/api/v1/persons")).isEmpty();
        IdentityCodec otherKey = new IdentityCodec(KEY + "x", Clock.fixed(NOW, ZoneOffset.UTC));
        assertThat(otherKey.verify(header, "POST", "/api/v1/persons")).isEmpty();
    }

    @Test
    void aTamperedPayloadIsRefused() {
        String header = codec.sign(identity());
        String payload = new String(Base64.getUrlDecoder().decode(header.substring(0, header.indexOf('.'))));
        String forged = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(payload.replace("operator", "admin").getBytes()) + header.substring(header.indexOf('.'));
        assertThat(codec.verify(forged, "POST", "/api/v1/persons")).isEmpty();
        assertThat(codec.verify("garbage", "POST", "/api/v1/persons")).isEmpty();
        assertThat(codec.verify("a.b.c", "POST", "/api/v1/persons")).isEmpty();
        assertThat(codec.verify(null, "POST", "/api/v1/persons")).isEmpty();
    }
}
