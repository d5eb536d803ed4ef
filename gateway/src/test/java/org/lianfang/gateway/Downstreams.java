package org.lianfang.gateway;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import java.util.List;

import com.github.tomakehurst.wiremock.WireMockServer;

/**
 * The four services, played by WireMock. Started once per test JVM so that every test class shares
 * one Spring context (the routes point at these ports); tests reset them before each test.
 */
final class Downstreams {

    static final WireMockServer REGISTRY = start();
    static final WireMockServer QUARANTINE = start();
    static final WireMockServer CHECKPOINT = start();
    static final WireMockServer VOLUNTEER = start();

    static final List<WireMockServer> ALL = List.of(REGISTRY, QUARANTINE, CHECKPOINT, VOLUNTEER);

    private static final List<String> NAMES = List.of("registry", "quarantine", "checkpoint", "volunteer");

    private Downstreams() {
    }

    /** The server playing the service whose route has this id. */
    static WireMockServer named(String routeId) {
        return ALL.get(NAMES.indexOf(routeId));
    }

    static String nameOf(WireMockServer server) {
        return NAMES.get(ALL.indexOf(server));
    }

    static void resetAll() {
        ALL.forEach(WireMockServer::resetAll);
    }

    private static WireMockServer start() {
        WireMockServer server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort().containerThreads(20));
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
        return server;
    }
}
