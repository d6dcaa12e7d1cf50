package org.twgate.it;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.twgate.config.ConfigLoader;
import org.twgate.config.GatewayConfig;
import org.twgate.gateway.Gateway;
import org.twgate.testkit.SmtpTranscript;

/** A twgate in this JVM, from a YAML text, on an ephemeral loopback port. */
final class GatewayFixture implements AutoCloseable {
    final Gateway gateway;
    final Path spoolDir;
    final Path configFile;

    GatewayFixture(Path dir, String routesYaml, String extraYaml) throws Exception {
        this(dir, routesYaml, extraYaml, "200ms");
    }

    GatewayFixture(Path dir, String routesYaml, String extraYaml, String retry) throws Exception {
        this(dir, routesYaml, extraYaml, retry, "");
    }

    /** @param spoolYaml more keys of the spool section, each line indented by two spaces, or "" */
    GatewayFixture(Path dir, String routesYaml, String extraYaml, String retry, String spoolYaml) throws Exception {
        spoolDir = dir.resolve("spool");
        Path file = dir.resolve("twgate.yaml");
        configFile = file;
        Files.writeString(file, String.join("\n",
                "server:",
                "  listen: [\"127.0.0.1:0\"]",
                "  hostname: gw.test",
                "spool:",
                "  directory: " + spoolDir,
                "  retry_initial: " + retry,
                "  retry_max: " + retry,
                spoolYaml,
                "metrics:",
                "  listen: \"\"",
                "routes:",
                routesYaml,
                extraYaml,
                ""));
        GatewayConfig config = ConfigLoader.load(file, Map.of());
        gateway = Gateway.start(config, Clock.systemUTC());
    }

    InetSocketAddress smtp() {
        return gateway.smtpAddresses().get(0);
    }

    /** Sends one message in one session; returns the reply to the end of data. */
    String send(String from, String to, String content) throws IOException {
        try (SmtpTranscript t = new SmtpTranscript(smtp())) {
            t.expect("220");
            t.send("HELO qmail.company.com\r\n").expect("250");
            t.send("MAIL FROM:<" + from + ">\r\n").expect("250");
            t.send("RCPT TO:<" + to + ">\r\n").expect("250");
            t.send("DATA\r\n").expect("354");
            String reply = t.send(dotStuffed(content) + ".\r\n").reply();
            t.send("QUIT\r\n").expect("221");
            return reply;
        }
    }

    /** SMTP transparency (RFC 5321 §4.5.2): the client doubles a leading dot. */
    static String dotStuffed(String content) {
        return (content.startsWith(".") ? "." : "") + content.replace("\r\n.", "\r\n..");
    }

    @Override
    public void close() {
        gateway.stop();
    }
}
