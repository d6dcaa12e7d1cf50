package org.twgate.gateway.deliver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.twgate.gateway.deliver.DeliverFixtures.WAIT;
import static org.twgate.gateway.deliver.DeliverFixtures.message;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.twgate.gateway.outcome.DeliveryStatus.Result;
import org.twgate.testkit.RecordingSmtpServer;

/**
 * A first MX host that refuses the session (its greeting, its EHLO reply, or by dropping the
 * connection during the handshake) does not end the attempt: the next MX host gets the message.
 * The bad host listens on 127.0.0.2 and the good one on 127.0.0.1, same port, as two MX hosts.
 */
class NextMxHostTest {
    private RecordingSmtpServer good;
    private ServerSocket bad;
    private Thread badThread;
    private final AtomicInteger badSessions = new AtomicInteger();
    private SmtpTransport transport;

    @BeforeEach
    void start() throws IOException {
        good = RecordingSmtpServer.start();
        bad = new ServerSocket();
        bad.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.2"), good.port()));
        transport = new SmtpTransport(DeliverFixtures.config(), domain -> List.of("127.0.0.2", "127.0.0.1"));
    }

    @AfterEach
    void stop() throws Exception {
        transport.close();
        bad.close();
        if (badThread != null) {
            badThread.join(5000);
        }
        good.close();
    }

    /** The bad host's behaviour: what it says to a new connection and to EHLO/HELO. */
    private void serveBadly(String greeting, String ehloReply) {
        badThread = new Thread(() -> {
            while (!bad.isClosed()) {
                try (Socket s = bad.accept()) {
                    badSessions.incrementAndGet();
                    OutputStream out = s.getOutputStream();
                    BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(),
                            StandardCharsets.US_ASCII));
                    out.write((greeting + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    String line;
                    while ((line = in.readLine()) != null) {
                        if (line.startsWith("EHLO") || line.startsWith("HELO")) {
                            if (ehloReply.equals(RecordingSmtpServer.CLOSE)) {
                                break;
                            }
                            out.write((ehloReply + "\r\n").getBytes(StandardCharsets.US_ASCII));
                        } else if (line.startsWith("QUIT")) {
                            out.write("221 bye\r\n".getBytes(StandardCharsets.US_ASCII));
                            out.flush();
                            break;
                        } else {
                            out.write("503 5.5.1 no\r\n".getBytes(StandardCharsets.US_ASCII));
                        }
                        out.flush();
                    }
                } catch (IOException e) {
                    // closed by the test, or the client went away
                }
            }
        }, "bad-mx");
        badThread.setDaemon(true);
        badThread.start();
    }

    @ParameterizedTest
    @ValueSource(strings = {"554 greeting", "421 greeting", "ehlo 421", "ehlo 554", "ehlo close"})
    void aSessionRefusedByTheFirstMxGoesToTheNext(String how) throws Exception {
        String[] parts = how.split(" ");
        if (parts[0].equals("ehlo")) {
            serveBadly("220 bad.test ESMTP", parts[1].equals("close") ? RecordingSmtpServer.CLOSE
                    : parts[1] + " 4.3.2 not now");
        } else {
            serveBadly(parts[0] + " bad.test not accepting mail", "250 bad.test");
        }
        NextHop hop = NextHop.mxOf("mx", "two-mx.test", good.port()).withMaxConnections(1);

        DeliveryResult result = transport.deliver(hop, message("a@x.org", "b@two-mx.test"));

        assertThat(result.recipients()).singleElement().satisfies(r -> {
            assertThat(r.outcome()).isEqualTo(Result.DELIVERED);
            assertThat(r.remoteMta()).contains("127.0.0.1");
        });
        assertThat(badSessions.get()).isEqualTo(1);
        assertThat(good.awaitMessages(1, WAIT)).hasSize(1);
    }
}
