package org.lianfang.gateway.security;

import java.time.Clock;
import java.time.Duration;
import org.lianfang.identity.IdentityCodec;
import org.lianfang.identity.SignedIdentity;
import org.springframework.http.HttpHeaders;

/**
 * The headers that tell a service who is calling: {@code X-Actor*} (for logs, and for services that
 * run unsigned in development) and, with an identity key, the signed identity for exactly this
 * request. Used for routed requests and for the gateway's own calls when it composes views.
 */
public class IdentityHeaders {

    static final String ACTOR = "X-Actor";
    static final String ROLE = "X-Actor-Role";
    static final String COMPOUNDS = "X-Actor-Compounds";
    static final String COMMUNITY = "X-Community-Id";

    private final IdentityCodec codec;
    private final Duration ttl;
    private final Clock clock;

    public IdentityHeaders(IdentityCodec codec, Duration ttl, Clock clock) {
        this.codec = codec;
        this.ttl = ttl;
        this.clock = clock;
    }

    /**
     * Replaces whatever identity headers {@code headers} carry with {@code client}'s, for a request
     * {@code method} {@code rawPath}. {@code requestedCommunity} is honoured only for county-wide clients.
     */
    public void apply(HttpHeaders headers, ApiClient client, String method, String rawPath, String requestedCommunity) {
        headers.remove(HttpHeaders.AUTHORIZATION);
        headers.remove(IdentityCodec.HEADER);
        headers.remove(ACTOR);
        headers.remove(ROLE);
        headers.remove(COMPOUNDS);
        headers.remove(COMMUNITY);
        headers.set(ACTOR, client.id());
        headers.set(ROLE, client.role());
        if (!client.compounds().isEmpty()) {
            headers.set(COMPOUNDS, String.join(",", client.compounds()));
        }
        boolean countyWide = "*".equals(client.communityId());
        headers.set(COMMUNITY, countyWide ? (requestedCommunity == null ? "*" : requestedCommunity) : client.communityId());
        if (codec != null) {
            headers.set(IdentityCodec.HEADER, codec.sign(new SignedIdentity(client.id(), client.role(),
                    client.communityId(), client.compounds(), method, rawPath, clock.instant().plus(ttl))));
        }
    }
}
