package org.lianfang.checkpoint;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A plain TCP relay in front of the store that a test can cut: every relayed connection is reset
 * and no new one is accepted, so an instance that reaches the store through it stops dead from the
 * store's point of view (as if its process were killed or its host lost) while its JVM goes on.
 * Unlike a graceful stop it releases nothing: its token claims stay until they time out.
 */
final class StoreRelay implements AutoCloseable {

    private final ServerSocket server;
    private final InetSocketAddress store;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicLong relayed = new AtomicLong();
    private volatile boolean cut;

    StoreRelay(int storePort) throws IOException {
        this.store = new InetSocketAddress(InetAddress.getLoopbackAddress(), storePort);
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        daemon("store-relay-accept", this::accept);
    }

    /** The connection string of the store as seen through the relay. */
    String uri() {
        return "mongodb://127.0.0.1:" + server.getLocalPort();
    }

    /** Connections relayed so far (to show the instance really went through the relay). */
    long connections() {
        return relayed.get();
    }

    boolean isCut() {
        return cut;
    }

    /** Refuses new connections and resets every relayed one, on both sides. */
    void cut() {
        cut = true;
        closeQuietly(server);
        for (Socket socket : open) {
            reset(socket);
        }
    }

    @Override
    public void close() {
        cut();
    }

    private void accept() {
        while (!cut) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                return; // cut
            }
            Socket upstream = new Socket();
            open.add(client);
            open.add(upstream);
            try {
                if (cut) {
                    throw new IOException("cut");
                }
                client.setTcpNoDelay(true);
                upstream.setTcpNoDelay(true);
                upstream.connect(store, 2000);
                relayed.incrementAndGet();
            } catch (IOException e) {
                reset(client);
                reset(upstream);
                continue;
            }
            daemon("store-relay-up", () -> pump(client, upstream));
            daemon("store-relay-down", () -> pump(upstream, client));
        }
    }

    private void pump(Socket from, Socket to) {
        byte[] buffer = new byte[16 * 1024];
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            for (int n; !cut && (n = in.read(buffer)) >= 0; ) {
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // the other side went away, or the relay was cut
        } finally {
            reset(from);
            reset(to);
        }
    }

    private void reset(Socket socket) {
        open.remove(socket);
        try {
            socket.setSoLinger(true, 0); // close with RST, not FIN: nothing is flushed or acknowledged
        } catch (IOException e) {
            // not connected (yet)
        }
        closeQuietly(socket);
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // already closed
        }
    }

    private static void daemon(String name, Runnable task) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
    }
}
