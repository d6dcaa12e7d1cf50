package org.twgate.gateway.accept;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;
import org.twgate.fuzz.Mutations;
import org.twgate.gateway.spool.EnvelopeCodec;
import org.twgate.gateway.spool.StoredMessage;
import org.twgate.testkit.SmtpTranscript;

/**
 * Fuzzing the SMTP server through its real framer and handlers, on a socket: sessions of command
 * lines from the seed corpus ({@code fuzz/smtp-commands.txt}, the lines the transcript tests send)
 * edited at random, pipelined, then the end of data and QUIT. Every reply is one well-formed line
 * of printable US-ASCII, every refusal carries an enhanced status code of its class, the session
 * always ends with the server's {@code 221}, and whatever message was accepted is in the spool
 * with an envelope that reads back as it was written.
 */
class SmtpSessionProperties {
    private static Path dir;
    private static ServerHarness harness;
    private static int checked;

    @BeforeContainer
    static void start() throws Exception {
        dir = Files.createTempDirectory("twgate-fuzz-smtp");
        AcceptSettings s = AcceptSettings.builder("gw.test").maxCommandLine(512).maxRecipients(5).maxMessageSize(100_000)
                .maxDataLine(100_000).maxReceivedHeaders(10).rejectBareLineEndings(true).maxConnections(200)
                .maxConnectionsPerIp(200).idleTimeout(Duration.ofSeconds(30)).advertiseDsn(true).build();
        harness = new ServerHarness(dir, s, ServerHarness.everyone(false));
    }

    @AfterContainer
    static void stop() throws IOException {
        harness.close();
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Property(tries = 2000, seed = "5321")
    void everyReplyIsOneWellFormedLineAndTheSessionEndsWith221(@ForAll("sessions") List<String> lines)
            throws IOException {
        List<String> replies;
        try (SmtpTranscript t = new SmtpTranscript(harness.address())) {
            StringBuilder out = new StringBuilder();
            lines.forEach(l -> out.append(l).append("\r\n"));
            out.append("\r\n.\r\nQUIT\r\n"); // ends a DATA the fuzz may have opened, then the session
            t.sendBytes(Mutations.bytes(out.toString()));
            replies = t.linesUntilClosed();
        }
        assertThat(replies).isNotEmpty();
        for (String reply : replies) {
            assertWellFormed(reply);
            if (reply.charAt(0) >= '4') {
                Statistics.label("refusals").collect(reply.substring(0, 9));
            }
        }
        assertThat(replies.get(0)).startsWith("220 gw.test");
        assertThat(replies.get(replies.size() - 1)).startsWith("221 ");
        envelopesReadBack();
    }

    /** Transactions in order (greeting, sender, recipients, DATA, content), each command lightly edited. */
    @Property(tries = 1000, seed = "5322")
    void aTransactionOfEditedCommandsIsAnsweredWellFormedAndWhatIsAcceptedIsStored(
            @ForAll("transactions") List<String> lines) throws IOException {
        everyReplyIsOneWellFormedLineAndTheSessionEndsWith221(lines);
    }

    static void assertWellFormed(String reply) {
        assertThat(reply).matches("[2-5]\\d\\d[ -][\\x20-\\x7e]*");
        char kind = reply.charAt(0);
        if (kind == '4' || kind == '5') {
            assertThat(reply.substring(4)).as("enhanced status code of class %s in %s", kind, reply)
                    .matches(kind + "\\.\\d{1,3}\\.\\d{1,3} .*");
        }
    }

    /** Each message stored since the last check has an envelope that decodes to what was written. */
    private static void envelopesReadBack() throws IOException {
        List<StoredMessage> stored = harness.stored;
        for (; checked < stored.size(); checked++) {
            StoredMessage m = stored.get(checked);
            try (InputStream in = Files.newInputStream(m.file())) {
                assertThat(EnvelopeCodec.decode(in, m.file().toString()).envelope()).isEqualTo(m.envelope());
            }
            Statistics.label("messages").collect("stored");
        }
    }

    private static List<String> seeds() {
        try {
            return List.of(Files.readString(Mutations.resources(SmtpSessionProperties.class, "fuzz")
                    .resolve("smtp-commands.txt"), java.nio.charset.StandardCharsets.ISO_8859_1).split("\n"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Arbitrary<String> edited(String verb, int maxEdits) {
        List<String> of = seeds().stream().filter(l -> l.regionMatches(true, 0, verb, 0, verb.length())).toList();
        return Mutations.of(of, Mutations.NASTY, maxEdits);
    }

    @Provide
    Arbitrary<List<String>> sessions() {
        return Mutations.of(seeds(), Mutations.NASTY, 3).list().ofMinSize(1).ofMaxSize(8);
    }

    @Provide
    Arbitrary<List<String>> transactions() {
        Arbitrary<String> greeting = net.jqwik.api.Arbitraries.oneOf(edited("EHLO", 1), edited("HELO", 1));
        Arbitrary<List<String>> recipients = edited("RCPT", 1).list().ofMinSize(1).ofMaxSize(3);
        Arbitrary<List<String>> content = Mutations.of(List.of("Subject: fuzz", "", "body line", "..dotted",
                "From: <a@b.example>", "To: jane@tw.company.com"), Mutations.NASTY, 2).list().ofMaxSize(5);
        return net.jqwik.api.Combinators.combine(greeting, edited("MAIL", 1), recipients, content)
                .as((g, m, r, c) -> {
                    List<String> all = new java.util.ArrayList<>();
                    all.add(g);
                    all.add(m);
                    all.addAll(r);
                    all.add("DATA");
                    all.addAll(c);
                    return all;
                });
    }
}
