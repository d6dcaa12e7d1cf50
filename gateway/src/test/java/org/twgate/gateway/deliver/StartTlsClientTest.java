package org.twgate.gateway.deliver;

import org.twgate.gateway.outcome.DeliveryStatus.Result;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twgate.config.TlsServerConfig;
import org.twgate.gateway.accept.AcceptSettings;
import org.twgate.gateway.accept.ServerTls;
import org.twgate.gateway.accept.SmtpServer;
import org.twgate.gateway.policy.RelayPolicy;
import org.twgate.gateway.spool.Spool;
import org.twgate.gateway.spool.StoredMessage;
import org.twgate.testkit.RecordingSmtpServer;
import org.twgate.testkit.TestKeys;

/** Outbound STARTTLS against twgate's own TLS-capable server, and against a server without it. */
class StartTlsClientTest {
    @TempDir
    Path dir;
    Spool spool;
    SmtpServer tlsPeer;
    SmtpTransport transport;
    final List<StoredMessage> received = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        spool = Spool.open(dir.resolve("spool"), 2);
        RelayPolicy open = new RelayPolicy() {
            @Override
            public ClientVerdict client(InetAddress address) {
                return new ClientVerdict(true, true, "test");
            }

            @Override
            public boolean acceptsDomain(String domain) {
                return true;
            }
        };
        TlsServerConfig tls = new TlsServerConfig(Optional.of(TestKeys.pkcs12(dir)), TestKeys.PASSWORD,
                Optional.empty(), Optional.empty(), List.of(), List.of());
        tlsPeer = new SmtpServer(AcceptSettings.builder("peer.test").maxCommandLine(512).maxRecipients(10)
                .maxMessageSize(1 << 20).maxDataLine(1 << 20).maxReceivedHeaders(50)
                .rejectBareLineEndings(false).maxConnections(10).maxConnectionsPerIp(10)
                .idleTimeout(Duration.ofSeconds(30)).advertiseDsn(false).build(), open, spool, (m, stored, reply) -> {
                    if (stored != null) {
                        received.add(stored);
                    }
                }, 1, Clock.systemUTC(), ServerTls.startTls(tls));
        tlsPeer.start(List.of(new InetSocketAddress("127.0.0.1", 0)));
        transport = new SmtpTransport(SmtpClientConfig.defaults("gw.test"), domain -> List.of());
    }

    @AfterEach
    void stop() {
        transport.close();
        tlsPeer.shutdown(Duration.ofSeconds(2));
        spool.close();
    }

    private DeliveryResult send(int port, NextHop.Tls mode) {
        NextHop hop = NextHop.ipLiteral("tls-" + mode, "127.0.0.1", port).withTls(mode).withMaxConnections(2);
        return transport.deliver(hop, OutboundMessage.of("Q1", "a@company.com", List.of(OutboundRecipient.of("b@x.test")),
                "Subject: tls\r\n\r\nhello\r\n".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void opportunisticAndRequiredTlsDeliverEncrypted() {
        int port = tlsPeer.boundAddresses().get(0).getPort();
        assertThat(send(port, NextHop.Tls.OPPORTUNISTIC).allDelivered()).isTrue();
        assertThat(send(port, NextHop.Tls.REQUIRED).allDelivered()).isTrue();
        org.twgate.testkit.Await.until("both stored", java.time.Duration.ofSeconds(10), () -> received.size() == 2);
        assertThat(received).allMatch(m -> m.envelope().protocol().equals("ESMTPS"));
    }

    @Test
    void verifiedTlsRefusesAnUntrustedCertificateAndDefers() {
        DeliveryResult result = send(tlsPeer.boundAddresses().get(0).getPort(), NextHop.Tls.VERIFY);
        RecipientResult r = result.recipients().get(0);
        assertThat(r.outcome()).isEqualTo(Result.DEFERRED);
        assertThat(r.diagnostic()).startsWith("TLS handshake with 127.0.0.1 [127.0.0.1]:").contains("failed");
        assertThat(received).isEmpty();
    }

    @Test
    void requiredTlsFailsCleanlyAgainstAServerWithoutStartTls() throws Exception {
        try (RecordingSmtpServer plain = RecordingSmtpServer.start()) {
            RecipientResult r = send(plain.port(), NextHop.Tls.REQUIRED).recipients().get(0);
            assertThat(r.outcome()).isEqualTo(Result.DEFERRED);
            assertThat(r.diagnostic()).isEqualTo("TLS is required for route tls-REQUIRED but 127.0.0.1 [127.0.0.1]:"
                    + plain.port() + " does not offer STARTTLS");
            assertThat(plain.transactions()).isEmpty();
            assertThat(send(plain.port(), NextHop.Tls.OPPORTUNISTIC).allDelivered()).as("opportunistic goes on in clear").isTrue();
        }
    }
}
