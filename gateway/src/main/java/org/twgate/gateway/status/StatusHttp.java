package org.twgate.gateway.status;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The status page's paths on an HTTP server (the metrics endpoint's, or one of its own):
 * {@code /} (the page), {@code /status.json} and the assets under {@code /status/}. GET and
 * HEAD only; nothing is changed by any request.
 *
 * <p>Every answer carries a Content-Security-Policy that allows scripts, styles and fetches
 * from this origin only and no inline script or style, so even a value that escaped the
 * escaping could run nothing; {@code nosniff} so a reply text is never taken for a script; no
 * framing, no referrer, no caching of the page.
 */
public final class StatusHttp {
    private static final Logger LOG = LoggerFactory.getLogger(StatusHttp.class);
    static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
            + "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    private static final String TEXT = "text/plain; charset=utf-8";

    private final StatusBoard board;
    private final StatusAssets assets;

    private StatusHttp(StatusBoard board, StatusAssets assets) {
        this.board = board;
        this.assets = assets;
    }

    /** Adds the page's contexts to {@code server} (before it starts). */
    public static void register(HttpServer server, StatusBoard board) {
        StatusHttp http = new StatusHttp(board, StatusAssets.load());
        server.createContext("/", http::root);
        server.createContext("/status.json", http::json);
        server.createContext("/status/", http::asset);
    }

    private void root(HttpExchange exchange) throws IOException {
        if (!exchange.getRequestURI().getPath().equals("/")) {
            respond(exchange, 404, TEXT, ("not found: " + exchange.getRequestURI().getPath()
                    + " (try /, /status.json, /metrics, /health/live, /health/ready)\n").getBytes(StandardCharsets.UTF_8),
                    false);
            return;
        }
        if (readOnly(exchange)) {
            page(exchange, "text/html; charset=utf-8", () -> StatusPage.html(board.view()));
        }
    }

    private void json(HttpExchange exchange) throws IOException {
        if (!exchange.getRequestURI().getPath().equals("/status.json")) {
            respond(exchange, 404, TEXT, "not found\n".getBytes(StandardCharsets.UTF_8), false);
            return;
        }
        if (readOnly(exchange)) {
            page(exchange, "application/json; charset=utf-8", () -> StatusJson.json(board.view()));
        }
    }

    private void asset(HttpExchange exchange) throws IOException {
        StatusAssets.Asset a = assets.at(exchange.getRequestURI().getPath());
        if (a == null) {
            respond(exchange, 404, TEXT, "not found\n".getBytes(StandardCharsets.UTF_8), false);
            return;
        }
        if (readOnly(exchange)) {
            respond(exchange, 200, a.type(), a.bytes(), true);
        }
    }

    private static void page(HttpExchange exchange, String type, java.util.function.Supplier<String> body)
            throws IOException {
        byte[] bytes;
        try {
            bytes = body.get().getBytes(StandardCharsets.UTF_8);
        } catch (RuntimeException e) {
            LOG.error("event=status_page_error error=\"{}\"", e.toString(), e);
            respond(exchange, 500, TEXT, ("cannot build the status page: " + e + "\n").getBytes(StandardCharsets.UTF_8),
                    false);
            return;
        }
        respond(exchange, 200, type, bytes, false);
    }

    private static boolean readOnly(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        if (method.equals("GET") || method.equals("HEAD")) {
            return true;
        }
        exchange.getResponseHeaders().set("Allow", "GET, HEAD");
        respond(exchange, 405, TEXT, ("method " + method + " not allowed: the status page is read-only\n")
                .getBytes(StandardCharsets.UTF_8), false);
        return false;
    }

    private static void respond(HttpExchange exchange, int status, String type, byte[] bytes, boolean cacheable)
            throws IOException {
        var h = exchange.getResponseHeaders();
        h.set("Content-Type", type);
        h.set("Content-Security-Policy", CSP);
        h.set("X-Content-Type-Options", "nosniff");
        h.set("Referrer-Policy", "no-referrer");
        h.set("X-Frame-Options", "DENY");
        h.set("Cache-Control", cacheable ? "max-age=3600" : "no-store");
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            if (!head) {
                out.write(bytes);
            }
        }
    }
}
