package org.twgate.it;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.twgate.config.ConfigLoader;
import org.twgate.config.GatewayConfig;
import org.twgate.gateway.Gateway;
import org.twgate.testkit.SmtpTranscript;

/**
 * A twgate in this JVM running exactly a shipped file of {@code examples/}, with only what a
 * container would override from the environment: the listen address (an ephemeral loopback
 * port), the spool, and the relays of its routes (the test's stand-ins).
 */
final class ExampleGateway implements AutoCloseable {
    final GatewayConfig config;
    final Gateway gateway;

    ExampleGateway(String example, Path spool, List<Integer> routePorts, Map<String, String> moreEnv)
            throws Exception {
        Map<String, String> env = new HashMap<>(moreEnv);
        env.put("TWGATE_SERVER__LISTEN", "127.0.0.1:0");
        env.put("TWGATE_SPOOL__DIRECTORY", spool.toString());
        env.put("TWGATE_SPOOL__RETRY_INITIAL", "200ms");
        env.putIfAbsent("TWGATE_METRICS__LISTEN", ""); // the examples' 127.0.0.1:9464 may be taken on a shared host
        for (int i = 0; i < routePorts.size(); i++) {
            env.put("TWGATE_ROUTES__" + i + "__RELAY", "[127.0.0.1]:" + routePorts.get(i));
        }
        config = ConfigLoader.load(file(example), env);
        gateway = Gateway.start(config, Clock.systemUTC());
    }

    static Path file(String example) {
        return Path.of(System.getProperty("twgate.root", ".."), "examples", example).toAbsolutePath().normalize();
    }

    InetSocketAddress smtp() {
        return gateway.smtpAddresses().get(0);
    }

    /** One transaction with several recipients, as qmail or the connector would send it. */
    String send(String from, List<String> recipients, String content) throws IOException {
        try (SmtpTranscript t = new SmtpTranscript(smtp())) {
            t.expect("220");
            t.send("EHLO client.company.com\r\n").expect("250");
            t.send("MAIL FROM:<" + from + ">\r\n").expect("250");
            for (String r : recipients) {
                t.send("RCPT TO:<" + r + ">\r\n").expect("250");
            }
            t.send("DATA\r\n").expect("354");
            String reply = t.send(GatewayFixture.dotStuffed(content) + ".\r\n").reply();
            t.send("QUIT\r\n").expect("221");
            return reply;
        }
    }

    @Override
    public void close() {
        gateway.stop();
    }
}
