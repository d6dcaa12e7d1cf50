package org.twgate.gateway.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.twgate.gateway.health.HealthReport;
import org.twgate.gateway.health.Readiness;

/**
 * The HTTP endpoint on {@code metrics.listen}, on the JDK's own HTTP server (no dependency):
 * {@code /metrics} (Prometheus text, or OpenMetrics when the scraper asks for it),
 * {@code /health/live} (200 while the process answers) and {@code /health/ready} (200 or 503
 * with a plain-text body naming each condition). One daemon thread, {@code twgate-metrics-http}.
 */
public final class MetricsEndpoint implements AutoCloseable {
    private static final String TEXT = "text/plain; charset=utf-8";

    private final HttpListener listener;

    private MetricsEndpoint(HttpListener listener) {
        this.listener = listener;
    }

    /** Binds {@code address} and serves; throws naming the address when it cannot be bound. */
    public static MetricsEndpoint start(InetSocketAddress address, GatewayMetrics metrics, Readiness readiness) {
        return start(address, metrics, readiness, server -> { });
    }

    /** @param more adds further paths before the server starts (the status page's, when it shares this port) */
    public static MetricsEndpoint start(InetSocketAddress address, GatewayMetrics metrics, Readiness readiness,
            java.util.function.Consumer<HttpServer> more) {
        return new MetricsEndpoint(HttpListener.start(address, "metrics", "metrics", server -> {
            routes(server, metrics, readiness);
            more.accept(server);
        }));
    }

    private static void routes(HttpServer server, GatewayMetrics metrics, Readiness readiness) {
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
    }

    public InetSocketAddress address() {
        return listener.address();
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
        listener.close();
    }
}
