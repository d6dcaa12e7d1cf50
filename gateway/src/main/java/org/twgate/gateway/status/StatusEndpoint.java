package org.twgate.gateway.status;

import java.net.InetSocketAddress;
import org.twgate.gateway.metrics.HttpListener;

/**
 * The status page on a listener of its own ({@code metrics.status_listen}), when it should not
 * share the metrics port: e.g. metrics scraped from another host, the page kept on loopback.
 * One daemon thread, {@code twgate-status-http}.
 */
public final class StatusEndpoint implements AutoCloseable {
    private final HttpListener listener;

    private StatusEndpoint(HttpListener listener) {
        this.listener = listener;
    }

    /** Binds {@code address} and serves; throws naming the address when it cannot be bound. */
    public static StatusEndpoint start(InetSocketAddress address, StatusBoard board) {
        return new StatusEndpoint(HttpListener.start(address, "status", "the status page",
                server -> StatusHttp.register(server, board)));
    }

    public InetSocketAddress address() {
        return listener.address();
    }

    @Override
    public void close() {
        listener.close();
    }
}
