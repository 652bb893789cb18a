package dev.cascade.loadtests.telemetry;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import dev.cascade.contracts.EventTypes;

/**
 * The broker ingress the service's outbox relay posts closed windows to ({@code K_SINK}): the JDK's HTTP server on
 * 127.0.0.1, answering {@code 202} with no body to every POST, counting posts and distinct CloudEvent ids of type
 * {@code window.closed}. It keeps nothing else, so it costs the run as little as it can.
 */
final class WindowSink implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService executor;
    private final AtomicLong posts = new AtomicLong();
    private final AtomicLong otherTypes = new AtomicLong();
    private final Set<String> windowIds = ConcurrentHashMap.newKeySet();

    private WindowSink(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    static WindowSink start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 256);
            ExecutorService executor = Executors.newFixedThreadPool(2, task -> {
                Thread thread = new Thread(task, "window-sink");
                thread.setDaemon(true);
                return thread;
            });
            server.setExecutor(executor);
            WindowSink sink = new WindowSink(server, executor);
            server.createContext("/", sink::handle);
            server.start();
            return sink;
        } catch (IOException e) {
            throw new BenchFailure("cannot start the window sink: " + e.getMessage());
        }
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (InputStream body = exchange.getRequestBody()) {
            body.transferTo(java.io.OutputStream.nullOutputStream());
        }
        posts.incrementAndGet();
        String type = exchange.getRequestHeaders().getFirst("ce-type");
        String id = exchange.getRequestHeaders().getFirst("ce-id");
        if (EventTypes.TELEMETRY_WINDOW_CLOSED_V1.equals(type) && id != null) {
            windowIds.add(id);
        } else {
            otherTypes.incrementAndGet();
        }
        exchange.sendResponseHeaders(202, -1);
        exchange.close();
    }

    /** What arrived so far; {@link #reset()} starts a run's count afresh. */
    Counts counts() {
        return new Counts(posts.get(), windowIds.size(), otherTypes.get());
    }

    void reset() {
        posts.set(0);
        otherTypes.set(0);
        windowIds.clear();
    }

    /**
     * @param posts        POSTs answered, retries of one window included
     * @param windows      distinct {@code window.closed} CloudEvent ids
     * @param otherTypes   posts of another type or without an id (none expected)
     */
    record Counts(long posts, long windows, long otherTypes) {
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
