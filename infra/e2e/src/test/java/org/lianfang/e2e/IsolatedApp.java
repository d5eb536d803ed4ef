package org.lianfang.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One of the suite's applications, started in this JVM from its executable jar in a class loader
 * of its own — as isolated from the other applications as separate processes would be (the
 * gateway is WebFlux, the services are servlet + Axon), yet started by the test on a random port
 * with no external server.
 */
final class IsolatedApp implements AutoCloseable {

    private final String name;
    private final int port;
    private final ClassLoader appLoader;

    private IsolatedApp(String name, int port, ClassLoader appLoader) {
        this.name = name;
        this.port = port;
        this.appLoader = appLoader;
    }

    /** Starts {@code module}'s exec jar with the given properties and waits until it is healthy. */
    static IsolatedApp start(String module, Map<String, String> properties, Duration timeout) {
        return start(module, properties, timeout, freePort());
    }

    /** As {@link #start(String, Map, Duration)} on a given port, e.g. to restart an app where it was. */
    static IsolatedApp start(String module, Map<String, String> properties, Duration timeout, int port) {
        Path jar = execJar(module);
        List<String> args = new ArrayList<>();
        args.add("--server.port=" + port);
        args.add("--spring.main.banner-mode=off");
        properties.forEach((key, value) -> args.add("--" + key + "=" + value));
        AtomicReference<ClassLoader> launched = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        try {
            URLClassLoader jarLoader = new URLClassLoader(module, new URL[]{jar.toUri().toURL()},
                    ClassLoader.getPlatformClassLoader());
            Thread main = new Thread(() -> {
                try {
                    Class<?> launcher = jarLoader.loadClass("org.springframework.boot.loader.launch.JarLauncher");
                    launcher.getMethod("main", String[].class).invoke(null, (Object) args.toArray(String[]::new));
                } catch (Throwable e) {
                    failure.set(e);
                } finally {
                    launched.set(Thread.currentThread().getContextClassLoader());
                }
            }, module + "-main");
            main.setContextClassLoader(jarLoader);
            main.start();
            main.join(timeout.toMillis());
            if (failure.get() != null) {
                throw new IllegalStateException(module + " failed to start", failure.get());
            }
            if (main.isAlive()) {
                throw new IllegalStateException(module + " did not start within " + timeout);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        IsolatedApp app = new IsolatedApp(module, port, launched.get());
        app.awaitHealthy(timeout);
        return app;
    }

    private static Path execJar(String module) {
        Path root = Path.of(System.getProperty("lianfang.root", "../.."));
        String version = System.getProperty("lianfang.version", "0.1.0-SNAPSHOT");
        Path jar = root.resolve(module).resolve("target").resolve(module + "-" + version + "-exec.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("Missing " + jar + ": run through Maven (mvn verify) so it is packaged first");
        }
        return jar;
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    int port() {
        return port;
    }

    private void awaitHealthy(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                HttpURLConnection connection = (HttpURLConnection) URI.create(url() + "/actuator/health").toURL().openConnection();
                connection.setConnectTimeout(1000);
                connection.setReadTimeout(2000);
                if (connection.getResponseCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // keep waiting
            }
            sleep(200);
        }
        throw new IllegalStateException(name + " not healthy on " + url() + " within " + timeout);
    }

    /** Closes the application's contexts the way its JVM shutdown hook would. */
    @Override
    public void close() {
        try {
            Class<?> springApplication = appLoader.loadClass("org.springframework.boot.SpringApplication");
            Field hook = springApplication.getDeclaredField("shutdownHook");
            hook.setAccessible(true);
            ((Runnable) hook.get(null)).run();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Could not stop " + name, e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
