package org.twgate.gateway.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.twgate.gateway.health.HealthReport;
import org.twgate.gateway.health.Readiness;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP endpoint on {@code metrics.listen}, on the JDK's own HTTP server (no dependency):
 * {@code /metrics} (Prometheus text, or OpenMetrics when the scraper asks for it),
 * {@code /health/live} (200 while the process answers) and {@code /health/ready} (200 or 503
 * with a plain-text body naming each condition). One daemon thread, {@code twgate-metrics-http}.
 */
public final class MetricsEndpoint implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MetricsEndpoint.class);
    private static final String TEXT = "text/plain; charset=utf-8";

    private final HttpServer server;
    private final ExecutorService executor;

    private MetricsEndpoint(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /** Binds {@code address} and serves; throws naming the address when it cannot be bound. */
    public static MetricsEndpoint start(InetSocketAddress address, GatewayMetrics metrics, Readiness readiness) {
        return start(address, metrics, readiness, server -> { });
    }

    /** @param more adds further paths before the server starts (the status page's, when it shares this port) */
    public static MetricsEndpoint start(InetSocketAddress address, GatewayMetrics metrics, Readiness readiness,
            java.util.function.Consumer<HttpServer> more) {
        HttpServer server;
        try {
            server = HttpServer.create(address, 16);
        } catch (IOException e) {
            throw new IllegalStateException("cannot listen for metrics on " + address + ": " + e.getMessage(), e);
        }
        ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "twgate-metrics-http");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/metrics", exchange -> {
            if (allowed(exchange, "/metrics")) {
                String accept = exchange.getRequestHeaders().getFirst("Accept");
                String type = accept != null && accept.contains("application/openmetrics-text")
                        ? "application/openmetrics-text; version=1.0.0; charset=utf-8"
                        : "text/plain; version=0.0.4; charset=utf-8";
                respond(exchange, 200, type, metrics.scrape(type));
            }
        });
        server.createContext("/health/live", exchange -> {
            if (allowed(exchange, "/health/live")) {
                respond(exchange, 200, TEXT, "alive\n");
            }
        });
        server.createContext("/health/ready", exchange -> {
            if (allowed(exchange, "/health/ready")) {
                HealthReport report = readiness.check();
                respond(exchange, report.ready() ? 200 : 503, TEXT, report.text());
            }
        });
        more.accept(server);
        server.start();
        LOG.info("event=metrics_listening address={}", server.getAddress());
        return new MetricsEndpoint(server, executor);
    }

    public InetSocketAddress address() {
        return server.getAddress();
    }

    /** Exact paths only (the JDK matches contexts by prefix), and only GET or HEAD. */
    private static boolean allowed(HttpExchange exchange, String path) throws IOException {
        if (!exchange.getRequestURI().getPath().equals(path)) {
            respond(exchange, 404, TEXT, "not found: " + exchange.getRequestURI().getPath()
                    + " (try /metrics, /health/live, /health/ready)\n");
            return false;
        }
        String method = exchange.getRequestMethod();
        if (!method.equals("GET") && !method.equals("HEAD")) {
            exchange.getResponseHeaders().set("Allow", "GET, HEAD");
            respond(exchange, 405, TEXT, "method " + method + " not allowed\n");
            return false;
        }
        return true;
    }

    private static void respond(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            if (!head) {
                out.write(bytes);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
