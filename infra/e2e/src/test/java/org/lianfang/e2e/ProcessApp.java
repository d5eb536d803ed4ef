package org.lianfang.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One of the suite's applications as a real separate JVM started from its exec jar (as the
 * {@code lianfang} script starts them), so a test can {@code kill -9} it: no shutdown hook, no
 * graceful anything. Output goes to {@code target/processes/<name>.log}.
 */
final class ProcessApp implements AutoCloseable {

    static final String JAVA_OPTS = "-Xmx256m -Xss512k -XX:+UseSerialGC -XX:TieredStopAtLevel=1";

    private final String name;
    private final String module;
    private final int port;
    private final List<String> args;
    private final Map<String, String> env;
    private Process process;

    private ProcessApp(String name, String module, int port, List<String> args, Map<String, String> env) {
        this.name = name;
        this.module = module;
        this.port = port;
        this.args = args;
        this.env = env;
    }

    /** The durable embedded store on {@code port}, its H2 file in {@code dir}. */
    static ProcessApp store(int port, Path dir) {
        return new ProcessApp("store", "infra/devstore", port,
                List.of("--port", String.valueOf(port), "--dir", dir.toString()), Map.of());
    }

    /** A service or the gateway on {@code port}, configured through its environment. */
    static ProcessApp app(String name, String module, int port, Map<String, String> env) {
        return new ProcessApp(name, module, port, List.of(), env);
    }

    ProcessApp start(Duration timeout) {
        Path root = Path.of(System.getProperty("lianfang.root", "../.."));
        String version = System.getProperty("lianfang.version", "0.1.0-SNAPSHOT");
        String artifact = Path.of(module).getFileName().toString();
        Path jar = root.resolve(module).resolve("target").resolve(artifact + "-" + version + "-exec.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("Missing " + jar + ": run through Maven (mvn verify) so it is packaged first");
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(JAVA_OPTS.split(" ")));
        command.add("-Dlianfang.component=" + name);
        command.addAll(List.of("-jar", jar.toString()));
        command.addAll(args);
        try {
            Path logs = Files.createDirectories(Path.of("target", "processes"));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logs.resolve(name + ".log").toFile()));
            builder.environment().put("AXONIQ_UPDATE_CHECKER_DISABLED", "true");
            builder.environment().put("SERVER_PORT", String.valueOf(port));
            builder.environment().putAll(env);
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            awaitReady(timeout);
        } catch (RuntimeException e) {
            kill();
            throw e;
        }
        return this;
    }

    /** {@code kill -9}: the process gets no chance to flush, deregister or finish a request. */
    void kill() {
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    int port() {
        return port;
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    long pid() {
        return process.pid();
    }

    private void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + ", see target/processes/" + name + ".log");
            }
            if (ready()) {
                return;
            }
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException(name + " not ready on port " + port + " within " + timeout);
    }

    private boolean ready() {
        if (name.equals("store")) {
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return true;
            } catch (IOException notYet) {
                return false;
            }
        }
        try {
            HttpURLConnection connection = (HttpURLConnection) URI.create(url() + "/actuator/health").toURL().openConnection();
            connection.setConnectTimeout(1000);
            connection.setReadTimeout(2000);
            return connection.getResponseCode() == 200;
        } catch (IOException notYet) {
            return false;
        }
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }
}
