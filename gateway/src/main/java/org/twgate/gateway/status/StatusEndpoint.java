package org.twgate.gateway.status;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The status page on a listener of its own ({@code metrics.status_listen}), when it should not
 * share the metrics port: e.g. metrics scraped from another host, the page kept on loopback.
 * One daemon thread, {@code twgate-status-http}.
 */
public final class StatusEndpoint implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StatusEndpoint.class);
    private final HttpServer server;
    private final ExecutorService executor;

    private StatusEndpoint(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /** Binds {@code address} and serves; throws naming the address when it cannot be bound. */
    public static StatusEndpoint start(InetSocketAddress address, StatusBoard board) {
        HttpServer server;
        try {
            server = HttpServer.create(address, 16);
        } catch (IOException e) {
            throw new IllegalStateException("cannot listen for the status page on " + address + ": " + e.getMessage(), e);
        }
        ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "twgate-status-http");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        StatusHttp.register(server, board);
        server.start();
        LOG.info("event=status_listening address={}", server.getAddress());
        return new StatusEndpoint(server, executor);
    }

    public InetSocketAddress address() {
        return server.getAddress();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
