package org.twgate.gateway;

import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a gateway's start has opened, in the order it opened it: a failed start closes what was
 * opened so far, and stop closes everything, both in reverse. So a start that fails part way
 * leaves no thread, socket or spool lock behind, and stop is the reverse of start by construction.
 */
final class Lifecycle {
    private static final Logger LOG = LoggerFactory.getLogger(Gateway.class);

    /** One thing opened, named for the log line should closing it fail. */
    private record Opened(String what, AutoCloseable resource) {
    }

    private final Deque<Opened> opened = new ArrayDeque<>();

    /** Records {@code resource} (if not null) as opened, to be closed before anything opened earlier. */
    synchronized <T extends AutoCloseable> T opened(String what, T resource) {
        if (resource != null) {
            opened.push(new Opened(what, resource));
        }
        return resource;
    }

    /**
     * Closes everything opened, the last first. One that fails to close is logged and does not
     * keep the others open. Closing twice closes nothing the second time.
     */
    synchronized void close() {
        while (!opened.isEmpty()) {
            Opened o = opened.pop();
            try {
                o.resource().close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                LOG.warn("event=close_interrupted what=\"{}\"", o.what());
            } catch (Exception | LinkageError e) {
                LOG.warn("event=close_failed what=\"{}\" error=\"{}\"", o.what(), e.getMessage(), e);
            }
        }
    }
}
