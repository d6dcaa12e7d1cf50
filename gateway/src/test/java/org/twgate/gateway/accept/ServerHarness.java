package org.twgate.gateway.accept;

import org.twgate.testkit.SmtpTranscript;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.twgate.gateway.policy.RelayPolicy;
import org.twgate.gateway.spool.IncomingMessage;
import org.twgate.gateway.spool.Spool;
import org.twgate.gateway.spool.StoredMessage;

/** A real SmtpServer on an ephemeral loopback port with a spool in a temporary directory. */
final class ServerHarness implements AutoCloseable {
    final Spool spool;
    final SmtpServer server;
    final List<StoredMessage> stored = new CopyOnWriteArrayList<>();
    final List<Reply> outcomes = new CopyOnWriteArrayList<>();
    final Path dir;

    static AcceptSettings settings() {
        return AcceptSettings.builder("gw.test").maxCommandLine(512).maxRecipients(5).maxMessageSize(100_000)
                .maxDataLine(100_000).maxReceivedHeaders(10).rejectBareLineEndings(false).maxConnections(20)
                .maxConnectionsPerIp(10).idleTimeout(Duration.ofSeconds(30)).advertiseDsn(true).build();
    }

    ServerHarness(Path dir, AcceptSettings settings) throws IOException, InterruptedException {
        this(dir, settings, SmtpListener.NONE);
    }

    ServerHarness(Path dir, AcceptSettings settings, SmtpListener listener) throws IOException, InterruptedException {
        this(dir, settings, new RelayPolicy() {
            @Override
            public ClientVerdict client(InetAddress address) {
                return new ClientVerdict(true, false, "test");
            }

            @Override
            public boolean acceptsDomain(String domain) {
                return domain.equals("tw.company.com");
            }
        }, listener);
    }

    ServerHarness(Path dir, AcceptSettings settings, RelayPolicy policy) throws IOException, InterruptedException {
        this(dir, settings, policy, SmtpListener.NONE);
    }

    ServerHarness(Path dir, AcceptSettings settings, RelayPolicy policy, SmtpListener listener)
            throws IOException, InterruptedException {
        this(dir, settings, policy, listener, Clock.systemUTC());
    }

    ServerHarness(Path dir, AcceptSettings settings, RelayPolicy policy, SmtpListener listener, Clock clock)
            throws IOException, InterruptedException {
        this.dir = dir;
        this.spool = Spool.open(dir, 2);
        MessageIntake intake = (IncomingMessage message, StoredMessage committed, Reply reply) -> {
            outcomes.add(reply);
            if (committed != null) {
                stored.add(committed);
            }
        };
        this.server = new SmtpServer(settings, policy, spool, intake, 2, clock, null, listener);
        server.start(List.of(new InetSocketAddress("127.0.0.1", 0)));
    }

    /** A client policy: everyone may connect; relay clients or not, as said; tw.company.com is accepted. */
    static RelayPolicy everyone(boolean relayClients) {
        return new RelayPolicy() {
            @Override
            public ClientVerdict client(InetAddress address) {
                return new ClientVerdict(true, relayClients, "test");
            }

            @Override
            public boolean acceptsDomain(String domain) {
                return domain.equals("tw.company.com");
            }
        };
    }

    InetSocketAddress address() {
        return server.boundAddresses().get(0);
    }

    SmtpTranscript connect() throws IOException {
        SmtpTranscript t = new SmtpTranscript(address());
        t.expect("220 gw.test");
        return t;
    }

    /**
     * The stored messages once there are {@code expected} of them: the server tells its intake
     * just after the 250 is on its way, so a test may read the reply first.
     */
    List<StoredMessage> stored(int expected) {
        org.twgate.testkit.Await.until(expected + " stored message(s)", java.time.Duration.ofSeconds(10),
                () -> stored.size() >= expected);
        return stored;
    }

    /** The content of the only stored message, without the Received: header twgate added. */
    String onlyMessageContent() throws IOException {
        return content(stored(1).get(0));
    }

    /** A stored message's content, without the Received: header twgate added. */
    static String content(StoredMessage m) throws IOException {
        byte[] all = Files.readAllBytes(m.file());
        String text = new String(all, (int) m.contentOffset(), (int) (all.length - m.contentOffset()),
                java.nio.charset.StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n", text.indexOf("; ")) + 2; // Received ends with "; date\r\n"
        return text.substring(end);
    }

    @Override
    public void close() {
        server.shutdown(Duration.ofSeconds(2));
        spool.close();
    }
}
