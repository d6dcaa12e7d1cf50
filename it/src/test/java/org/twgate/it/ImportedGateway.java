package org.twgate.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.twgate.config.ConfigLoader;
import org.twgate.config.GatewayConfig;
import org.twgate.config.route.Route;
import org.twgate.config.route.Transport;
import org.twgate.gateway.Gateway;
import org.twgate.testkit.Await;
import org.twgate.testkit.RecordedTransaction;
import org.twgate.testkit.RecordingSmtpServer;
import org.twgate.testkit.SmtpTranscript;

/**
 * twgate running a configuration {@code twgate import qmail} wrote ({@code examples/qmail-import/
 * seed-*.yaml}) with only what a container would override from the environment: its listen
 * address and spool, every SMTP route's relay (the connector stand-in, or the qmail stand-in for
 * the route back to qmail) and every pipe route's program (a recording torecvm). Sends the way
 * qmail-remote sends: HELO, one recipient per transaction.
 */
final class ImportedGateway implements AutoCloseable {
    /** What one recipient's delivery looked like at the far end. */
    record Arrival(String where, String recipient, List<String> argv, Map<String, String> env, String content) {
    }

    final GatewayConfig config;
    final Gateway gateway;
    final RecordingSmtpServer connector;
    final RecordingSmtpServer qmail;
    private final Path torecvmOut;
    private int connectorSeen;
    private int qmailSeen;
    private int torecvmSeen;

    ImportedGateway(String seed, Path dir) throws Exception {
        connector = RecordingSmtpServer.start();
        qmail = RecordingSmtpServer.start();
        torecvmOut = Files.createDirectories(dir.resolve("torecvm-runs"));
        Path torecvm = dir.resolve("torecvm");
        // Records argv, the qmail-command variables and stdin of each run in its own file.
        Files.writeString(torecvm, String.join("\n", "#!/bin/sh",
                "f=" + torecvmOut + "/$(date +%s%N)-$$",
                "{ for a in \"$@\"; do printf 'ARG[%s]\\n' \"$a\"; done",
                "  printf 'ENV[RECIPIENT=%s]\\nENV[EXT=%s]\\nENV[DEFAULT=%s]\\n' \"$RECIPIENT\" \"$EXT\" \"$DEFAULT\"",
                "  echo --; cat; } > \"$f.tmp\"",
                "mv \"$f.tmp\" \"$f.done\"", ""));
        Files.setPosixFilePermissions(torecvm, PosixFilePermissions.fromString("rwx------"));
        Path file = Path.of(System.getProperty("twgate.root", ".."), "examples", "qmail-import", seed + ".yaml")
                .toAbsolutePath().normalize();
        Map<String, String> env = new HashMap<>();
        env.put("TWGATE_SERVER__LISTEN", "127.0.0.1:0");
        env.put("TWGATE_SPOOL__DIRECTORY", dir.resolve("spool").toString());
        env.put("TWGATE_SPOOL__RETRY_INITIAL", "200ms");
        env.put("TWGATE_METRICS__LISTEN", "");
        List<Route> routes = ConfigLoader.load(file, env).routes().routes();
        for (int i = 0; i < routes.size(); i++) {
            Route r = routes.get(i);
            if (r.transport() == Transport.PIPE) {
                env.put("TWGATE_ROUTES__" + i + "__COMMAND__0", torecvm.toString());
            } else {
                int port = r.finalDelivery() ? connector.port() : qmail.port();
                env.put("TWGATE_ROUTES__" + i + "__RELAY", "[127.0.0.1]:" + port);
            }
        }
        config = ConfigLoader.load(file, env);
        gateway = Gateway.start(config, Clock.systemUTC());
    }

    /** One message for one recipient, as qmail-remote sends it; the reply to RCPT. */
    String rcpt(String sender, String recipient) throws IOException {
        try (SmtpTranscript t = new SmtpTranscript(gateway.smtpAddresses().get(0))) {
            t.expect("220");
            t.send("HELO qmail.company.com\r\n").expect("250");
            t.send("MAIL FROM:<" + sender + ">\r\n").expect("250");
            return t.send("RCPT TO:<" + recipient + ">\r\n").reply();
        }
    }

    /** Sends a message to {@code recipient} and returns where it arrived and how. */
    Arrival deliver(String sender, String recipient, String headers) throws Exception {
        try (SmtpTranscript t = new SmtpTranscript(gateway.smtpAddresses().get(0))) {
            t.expect("220");
            t.send("HELO qmail.company.com\r\n").expect("250");
            t.send("MAIL FROM:<" + sender + ">\r\n").expect("250");
            t.send("RCPT TO:<" + recipient + ">\r\n").expect("250");
            t.send("DATA\r\n").expect("354");
            t.send(GatewayFixture.dotStuffed(headers + "\r\nthe body\r\n") + ".\r\n").expect("250 2.0.0");
            t.send("QUIT\r\n").expect("221");
        }
        Await.until("the message for " + recipient + " delivered somewhere", Duration.ofSeconds(15),
                () -> connector.transactions().size() > connectorSeen || qmail.transactions().size() > qmailSeen
                        || runs().size() > torecvmSeen);
        if (connector.transactions().size() > connectorSeen) {
            RecordedTransaction tx = connector.transactions().get(connectorSeen++);
            return new Arrival("connector", only(tx), List.of(), Map.of(), tx.text());
        }
        if (qmail.transactions().size() > qmailSeen) {
            RecordedTransaction tx = qmail.transactions().get(qmailSeen++);
            return new Arrival("qmail", only(tx), List.of(), Map.of(), tx.text());
        }
        Path run = runs().get(torecvmSeen++);
        String text = Files.readString(run, StandardCharsets.UTF_8);
        List<String> argv = new ArrayList<>();
        Map<String, String> envs = new HashMap<>();
        for (String line : text.substring(0, text.indexOf("--\n")).split("\n")) {
            if (line.startsWith("ARG[")) {
                argv.add(line.substring(4, line.length() - 1));
            } else if (line.startsWith("ENV[")) {
                String kv = line.substring(4, line.length() - 1);
                envs.put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
            }
        }
        String r = argv.stream().filter(a -> a.startsWith("-r")).findFirst().orElse("-r").substring(2);
        return new Arrival("torecvm", r, argv, envs, text.substring(text.indexOf("--\n") + 3));
    }

    private static String only(RecordedTransaction tx) {
        List<String> r = ConnectorClassifier.envelopeRecipients(tx);
        if (r.size() != 1) {
            throw new AssertionError("one recipient per transaction, as qmail-remote sends: " + r);
        }
        return r.get(0);
    }

    private List<Path> runs() {
        try (Stream<Path> s = Files.list(torecvmOut)) {
            return s.filter(p -> p.toString().endsWith(".done")).sorted(Comparator.comparing(Path::toString)).toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws Exception {
        gateway.stop();
        org.twgate.testkit.Closeables.closeAll(connector, qmail);
    }
}
