package org.twgate.gateway.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.twgate.gateway.outcome.DeliveryPolicy;
import org.twgate.gateway.outcome.DeliveryStatus;
import org.twgate.gateway.queue.Notifier.FailedRecipient;
import org.twgate.gateway.spool.StoredMessage;

/**
 * The per-recipient part of a failure report for each local cause, from golden files
 * {@code notify/local-causes/NAME.expected} (dates replaced by {@code <date>}): the Status is
 * the cause's own (5.1.3 for a rewrite refusal, 5.1.2 for a domain that does not exist…), never
 * the generic 5.0.0, and the Diagnostic-Code is twgate's x-token since no server replied.
 * Set {@code -Dtwgate.golden.write=true} to rewrite the files after a deliberate change.
 */
class LocalCauseReportsGoldenTest {
    private static final String PLAIN = "From: john@company.com\r\nSubject: hello\r\nMessage-ID: <m1@company.com>\r\n"
            + "\r\nbody line\r\n";
    private static final Map<String, Supplier<DeliveryStatus>> CAUSES = Map.of(
            "rewrite-refused", () -> DeliveryPolicy.forRewriteRefusal(
                    "553 5.1.3 cannot rewrite <x@tw.company.com>: rule in (twgate.yaml:7) gives no address"),
            "no-such-domain", () -> DeliveryPolicy.forDns(DeliveryPolicy.DnsAnswer.NO_SUCH_DOMAIN,
                    "cannot resolve mx=mx:nowhere.test:25: no such domain 'nowhere.test' (NXDOMAIN)"),
            "no-mail-host", () -> DeliveryPolicy.forDns(DeliveryPolicy.DnsAnswer.NO_MAIL_HOST,
                    "cannot resolve mx=mx:empty.test:25: domain 'empty.test' has no MX and no A/AAAA record"),
            "null-mx", () -> DeliveryPolicy.forNullMx("domain 'nomail.test' publishes a null MX: it accepts no mail"
                    + " (RFC 7505)"),
            "smtputf8", () -> DeliveryPolicy.forMissingSmtpUtf8("mx.test [127.0.0.1]:25",
                    "5.6.7 the message needs SMTPUTF8 and mx.test [127.0.0.1]:25 does not offer it"),
            "too-big", () -> DeliveryPolicy.forOverSize("mx.test [127.0.0.1]:25",
                    "5.3.4 message of 2000 octets exceeds the SIZE 1000 of mx.test [127.0.0.1]:25"),
            "pipe-hard-error", () -> DeliveryPolicy.forPipeExit(100, "pipe:/usr/bin/torecvm",
                    "/usr/bin/torecvm exited with 100: unknown user"),
            "expired", () -> DeliveryPolicy.forExpiry(DeliveryPolicy.forBusyHop(
                    "4.4.5 all 4 connections to connector=[127.0.0.1]:2025 stayed busy for 1m")));

    @TempDir
    Path dir;
    NoticeFixture fx;
    DsnNotifier notifier;

    @BeforeEach
    void start() throws Exception {
        fx = new NoticeFixture(dir);
        notifier = new DsnNotifier("gw.test", fx.spool, fx.submission, Clock.systemUTC(), Duration.ofDays(5),
                route -> 0, new DsnCounters());
    }

    @AfterEach
    void stop() {
        fx.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"rewrite-refused", "no-such-domain", "no-mail-host", "null-mx", "smtputf8", "too-big",
        "pipe-hard-error", "expired"})
    void reportsTheStatusOfTheLocalCause(String cause) throws Exception {
        StoredMessage m = fx.store("john@company.com", "HDRS", null, PLAIN, "x@tw.company.com");
        notifier.failed(m, List.of(new FailedRecipient(m.envelope().recipient(0), CAUSES.get(cause).get())));

        String report = fx.text(fx.submitted.get(0));
        String perRecipient = perRecipientPart(report);
        String name = "/notify/local-causes/" + cause + ".expected";
        if (Boolean.getBoolean("twgate.golden.write")) {
            Path file = Path.of("src/test/resources" + name);
            Files.createDirectories(file.getParent());
            Files.writeString(file, perRecipient);
        }
        try (InputStream in = LocalCauseReportsGoldenTest.class.getResourceAsStream(name)) {
            assertThat(in).as("golden file " + name).isNotNull();
            assertThat(perRecipient).isEqualTo(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    /** A delay report says what holds the recipient up: here a name server failing (4.4.3), not 4.0.0. */
    @org.junit.jupiter.api.Test
    void aDelayReportCarriesTheLocalCauseToo() throws Exception {
        StoredMessage m = fx.store("john@company.com", "HDRS", null, PLAIN, "x@tw.company.com");
        notifier.delayed(m, List.of(new org.twgate.gateway.queue.Notifier.DelayedRecipient(m.envelope().recipient(0),
                DeliveryPolicy.forDns(DeliveryPolicy.DnsAnswer.UNAVAILABLE, "cannot resolve mx=mx:slow.test:25: MX"
                        + " lookup for 'slow.test' failed: ServiceUnavailableException: DNS error"))));
        String perRecipient = perRecipientPart(fx.text(fx.submitted.get(0)));
        String name = "/notify/local-causes/delayed-dns-unavailable.expected";
        if (Boolean.getBoolean("twgate.golden.write")) {
            Files.writeString(Path.of("src/test/resources" + name), perRecipient);
        }
        try (InputStream in = LocalCauseReportsGoldenTest.class.getResourceAsStream(name)) {
            assertThat(in).as("golden file " + name).isNotNull();
            assertThat(perRecipient).isEqualTo(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    /** The message/delivery-status part's per-recipient fields, dates masked, LF line ends. */
    private static String perRecipientPart(String report) throws IOException {
        int start = report.indexOf("Final-Recipient:");
        assertThat(start).as("a per-recipient section in\n" + report).isPositive();
        int end = report.indexOf("\r\n\r\n", start);
        return report.substring(start, end + 2).replace("\r\n", "\n")
                .replaceAll("(?m)^(Last-Attempt-Date|Will-Retry-Until): .*$", "$1: <date>");
    }
}
