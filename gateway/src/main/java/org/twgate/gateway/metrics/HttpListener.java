package org.twgate.gateway.metrics;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One JDK HTTP server on one address, served by one daemon thread {@code twgate-NAME-http}:
 * what the metrics endpoint and the status page's own listener each run on.
 */
public final class HttpListener implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HttpListener.class);
    private final HttpServer server;
    private final ExecutorService executor;

    private HttpListener(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /**
     * Binds {@code address}, lets {@code routes} add its paths, and serves; logs
     * {@code event=NAME_listening}.
     *
     * @param name   short name for the thread and the log event ({@code metrics}, {@code status})
     * @param serves what the listener is for, in the error when the address cannot be bound
     */
    public static HttpListener start(InetSocketAddress address, String name, String serves,
            Consumer<HttpServer> routes) {
        HttpServer server;
        try {
            server = HttpServer.create(address, 16);
        } catch (IOException e) {
            throw new IllegalStateException("cannot listen for " + serves + " on " + address + ": " + e.getMessage(), e);
        }
        ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "twgate-" + name + "-http");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        routes.accept(server);
        server.start();
        LOG.info("event={}_listening address={}", name, server.getAddress());
        return new HttpListener(server, executor);
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
