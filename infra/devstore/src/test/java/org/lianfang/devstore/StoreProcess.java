package org.lianfang.devstore;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** The stand-alone {@link DevStore#main} in a JVM of its own, so a test can SIGKILL it. */
final class StoreProcess implements AutoCloseable {

    private static final long START_TIMEOUT_SECONDS = 60;

    private final Process process;
    private final int port;
    private final List<String> output = new ArrayList<>();
    private final CountDownLatch ready = new CountDownLatch(1);

    private StoreProcess(Process process, int port) {
        this.process = process;
        this.port = port;
        Thread reader = new Thread(this::readOutput, "store-process-output");
        reader.setDaemon(true);
        reader.start();
    }

    static StoreProcess start(Path dir, String... extraArgs) throws InterruptedException {
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx128m", "-XX:+UseSerialGC",
            "-cp", System.getProperty("java.class.path"),
            DevStore.class.getName(),
            "--dir", dir.toString(), "--port", Integer.toString(port)));
        command.addAll(List.of(extraArgs));
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        StoreProcess store = new StoreProcess(process, port);
        store.awaitReady();
        return store;
    }

    String uri() {
        return "mongodb://127.0.0.1:" + port + "/?serverSelectionTimeoutMS=10000";
    }

    /** SIGKILL: no shutdown hook, no final commit, exactly what a crash of the JVM leaves. */
    void killHard() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("store process survived SIGKILL");
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                killHard();
            }
        }
    }

    private void awaitReady() throws InterruptedException {
        if (!ready.await(START_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("store process did not get ready; output:\n" + output());
        }
    }

    synchronized String output() {
        return String.join("\n", output);
    }

    private void readOutput() {
        try (BufferedReader reader = new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                synchronized (this) {
                    output.add(line);
                }
                if (line.contains("devstore ready on mongodb://127.0.0.1:" + port)) {
                    ready.countDown();
                }
            }
        } catch (IOException e) {
            // the process was killed; what it printed so far is kept
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
