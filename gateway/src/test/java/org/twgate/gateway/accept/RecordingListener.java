package org.twgate.gateway.accept;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** An SmtpListener that keeps what it was told, for tests to read (the metrics hang off the same calls). */
final class RecordingListener implements SmtpListener {
    final List<SessionClosure> closures = new CopyOnWriteArrayList<>();
    final List<ConnectionRefusal> refusedConnections = new CopyOnWriteArrayList<>();
    final List<String> refusedCommands = new CopyOnWriteArrayList<>();

    @Override
    public void sessionClosedByServer(SessionClosure reason) {
        closures.add(reason);
    }

    @Override
    public void connectionRefused(ConnectionRefusal reason) {
        refusedConnections.add(reason);
    }

    @Override
    public void commandRefused(CommandRefused refusal) {
        refusedCommands.add(refusal.command() + " " + refusal.reason().label());
    }
}
