package org.twgate.gateway.accept;

import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Several listeners as one, told in order. A listener that throws is logged with its stack
 * trace and skipped for that event: counting or logging must never break a session.
 */
final class SmtpListeners implements SmtpListener {
    private static final Logger LOG = LoggerFactory.getLogger(SmtpListeners.class);
    private final List<SmtpListener> listeners;

    SmtpListeners(List<SmtpListener> listeners) {
        this.listeners = List.copyOf(listeners);
    }

    private void tell(Consumer<SmtpListener> event) {
        for (SmtpListener listener : listeners) {
            try {
                event.accept(listener);
            } catch (RuntimeException e) {
                LOG.warn("event=listener_failed listener={}", listener.getClass().getName(), e);
            }
        }
    }

    @Override
    public void sessionOpened() {
        tell(SmtpListener::sessionOpened);
    }

    @Override
    public void sessionClosed() {
        tell(SmtpListener::sessionClosed);
    }

    @Override
    public void sessionClosedByServer(SessionClosure reason) {
        tell(l -> l.sessionClosedByServer(reason));
    }

    @Override
    public void sessionClosedByServer(SessionClosed closed) {
        tell(l -> l.sessionClosedByServer(closed));
    }

    @Override
    public void connectionRefused(ConnectionRefusal reason) {
        tell(l -> l.connectionRefused(reason));
    }

    @Override
    public void connectionRefused(ConnectionRefused refused) {
        tell(l -> l.connectionRefused(refused));
    }

    @Override
    public void commandRefused(CommandRefused refusal) {
        tell(l -> l.commandRefused(refusal));
    }

    @Override
    public void messageAccepted(MessageAccepted accepted) {
        tell(l -> l.messageAccepted(accepted));
    }

    @Override
    public void messageRefused(MessageRefused refused) {
        tell(l -> l.messageRefused(refused));
    }
}
