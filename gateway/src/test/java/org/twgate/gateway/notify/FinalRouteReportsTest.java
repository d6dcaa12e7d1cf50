package org.twgate.gateway.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.eclipse.angus.mail.dsn.DeliveryStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twgate.config.ConfigLoader;
import org.twgate.config.route.Route;
import org.twgate.gateway.spool.StoredMessage;

/** Reports from elsewhere on their way to the connector: passed, converted or dropped per route. */
class FinalRouteReportsTest {
    @TempDir
    Path dir;
    NoticeFixture fx;
    RelayedMessages relayed;
    DsnCounters counters = new DsnCounters();
    FinalRouteReports reports;

    @BeforeEach
    void start() throws Exception {
        fx = new NoticeFixture(dir.resolve("spool"));
        relayed = RelayedMessages.open(dir.resolve("relayed"), 1 << 20);
        reports = new FinalRouteReports("gw.test", fx.spool, relayed, Clock.systemUTC(), counters);
    }

    @AfterEach
    void stop() {
        fx.close();
    }

    /** A route as the configuration file makes it (so the test does not depend on Route's constructor). */
    Route route(boolean finalDelivery, int relayedPolicy, boolean convertQmailBounces) throws Exception {
        Path file = dir.resolve("twgate-" + finalDelivery + relayedPolicy + convertQmailBounces + ".yaml");
        Files.writeString(file, String.join("\n", "routes:",
                "  - smtproutes: \"tw.company.com:[127.0.0.1]:2025\"",
                "    name: connector",
                "    final: " + finalDelivery,
                "    deliver_relayed_dsn: " + relayedPolicy,
                "    convert_qmail_bounces: " + convertQmailBounces, ""));
        return ConfigLoader.load(file, Map.of()).routes().lookup("tw.company.com").orElseThrow();
    }

    static String resource(String name) throws IOException {
        try (InputStream in = FinalRouteReportsTest.class.getResourceAsStream("/notify/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replaceAll("\r?\n", "\r\n");
        }
    }

    @Test
    void relayedOnlyReportPassesUnderPolicy0() throws Exception {
        StoredMessage m = fx.store("", null, null, resource("relayed-report.in"), "john@tw.company.com");
        assertThat(reports.handle(route(true, 0, true), m)).isEqualTo(ContentHandling.PASS);
    }

    @Test
    void relayedOnlyReportBecomesPlainTextUnderPolicy1() throws Exception {
        StoredMessage m = fx.store("", null, null, resource("relayed-report.in"), "john@tw.company.com");
        ContentHandling h = reports.handle(route(true, 1, true), m);
        assertThat(h).isInstanceOf(ContentHandling.Replace.class);
        String text = new String(((ContentHandling.Replace) h).content(), StandardCharsets.UTF_8);
        assertThat(text).contains("Content-Type: text/plain").doesNotContain("multipart/report")
                .contains("john@tw.company.com").contains("250 ok 1763629000 qp 4711")
                .contains("Message-ID: <report-1@gw.company.com>");
        assertThat(counters.arrivingRelayedReportsConverted()).isEqualTo(1);
    }

    @Test
    void relayedOnlyReportIsDroppedAndCountedUnderPolicy2() throws Exception {
        StoredMessage m = fx.store("", null, null, resource("relayed-report.in"), "john@tw.company.com");
        assertThat(reports.handle(route(true, 2, true), m)).isInstanceOf(ContentHandling.Drop.class);
        assertThat(counters.arrivingRelayedReportsDiscarded()).isEqualTo(1);
    }

    @Test
    void reportsOnTheirWayToARelayRoutePassUntouched() throws Exception {
        StoredMessage report = fx.store("", null, null, resource("relayed-report.in"), "john@company.com");
        StoredMessage bounce = fx.store("", null, null, resource("qmail-bounce.in"), "john@company.com");
        assertThat(reports.handle(route(false, 2, true), report)).isEqualTo(ContentHandling.PASS);
        assertThat(reports.handle(route(false, 2, true), bounce)).isEqualTo(ContentHandling.PASS);
    }

    @Test
    void qmailBounceBecomesAFailedReportWithEnvidAndOrcptRestoredFromTheRelayRecord() throws Exception {
        relayed.record("<orig-42@tw.company.com>", "TW+2D0042",
                Map.of("jane@example.org", "rfc822;Jane.Doe+40company.com"));
        StoredMessage m = fx.store("", null, null, resource("qmail-bounce.in"), "john@tw.company.com");
        ContentHandling h = reports.handle(route(true, 0, true), m);

        assertThat(h).isInstanceOf(ContentHandling.Replace.class);
        byte[] converted = ((ContentHandling.Replace) h).content();
        StoredMessage asStored = fx.store("", null, null, new String(converted, StandardCharsets.UTF_8), "x@y.z");
        DeliveryStatus status = fx.deliveryStatus(asStored);
        assertThat(status.getMessageDSN().getHeader("Original-Envelope-Id")).containsExactly("TW-0042");
        assertThat(status.getRecipientDSN(0).getHeader("Action", null)).isEqualTo("failed");
        assertThat(status.getRecipientDSN(0).getHeader("Status", null)).isEqualTo("5.1.1");
        assertThat(status.getRecipientDSN(0).getHeader("Original-Recipient", null))
                .isEqualTo("rfc822; Jane.Doe@company.com");
        String text = fx.text(asStored);
        assertThat(text).contains("Received: (qmail 9182 invoked for bounce)")
                .contains("Hi. This is the qmail-send program at mail.company.com.")
                .contains("Content-Type: message/rfc822").contains("the figures.");
        assertThat(counters.qmailBouncesConverted()).isEqualTo(1);
    }

    @Test
    void qmailBounceOfAMessageTwgateNeverRelayedIsStillConverted() throws Exception {
        StoredMessage m = fx.store("", null, null, resource("qmail-bounce.in"), "john@tw.company.com");
        byte[] converted = ((ContentHandling.Replace) reports.handle(route(true, 0, true), m)).content();
        DeliveryStatus status = fx.deliveryStatus(fx.store("", null, null,
                new String(converted, StandardCharsets.UTF_8), "x@y.z"));
        assertThat(status.getMessageDSN().getHeader("Original-Envelope-Id")).isNull();
        assertThat(status.getRecipientDSN(0).getHeader("Final-Recipient", null)).isEqualTo("rfc822; jane@example.org");
    }

    @Test
    void aBounceLargerThanTheConversionBoundPassesUnread() throws Exception {
        String bounce = resource("qmail-bounce.in");
        String padded = bounce + ("x".repeat(998) + "\r\n").repeat((1 << 20) / 1000 + 1); // past 1 MiB
        StoredMessage m = fx.store("", null, null, padded, "john@tw.company.com");
        assertThat(reports.handle(route(true, 0, true), m)).isEqualTo(ContentHandling.PASS);
        assertThat(counters.qmailBouncesConverted()).isZero();
    }

    @Test
    void qmailBouncePassesWhenConversionIsOffOrTheSenderIsNotNull() throws Exception {
        StoredMessage bounce = fx.store("", null, null, resource("qmail-bounce.in"), "john@tw.company.com");
        StoredMessage lookalike = fx.store("joker@company.com", null, null, resource("qmail-bounce.in"),
                "john@tw.company.com");
        assertThat(reports.handle(route(true, 0, false), bounce)).isEqualTo(ContentHandling.PASS);
        assertThat(reports.handle(route(true, 0, true), lookalike)).isEqualTo(ContentHandling.PASS);
    }

    @Test
    void qmailBounceAboutARecipientRelayedWithNotifyNeverIsDroppedNotReported() throws Exception {
        relayed.record("<orig-42@tw.company.com>", null, Map.of("jane@example.org", "rfc822;jane+40example.org"),
                Map.of("jane@example.org", "NEVER"));
        StoredMessage m = fx.store("", null, null, resource("qmail-bounce.in"), "john@tw.company.com");

        ContentHandling h = reports.handle(route(true, 0, true), m);

        assertThat(h).isInstanceOf(ContentHandling.Drop.class);
        assertThat(((ContentHandling.Drop) h).why()).contains("RFC 3461");
        assertThat(counters.qmailBouncesConverted()).isZero();
    }

    @Test
    void qmailBounceKeepsOnlyTheRecipientsWhoseNotifyAsksForFailures() throws Exception {
        String twoRecipients = resource("qmail-bounce.in").replace("--- Below this line",
                "<bob@example.org>:\r\n192.0.2.25 does not like recipient.\r\n"
                        + "Remote host said: 550 5.1.1 <bob@example.org>: User unknown\r\n"
                        + "Giving up on 192.0.2.25.\r\n\r\n--- Below this line");
        relayed.record("<orig-42@tw.company.com>", null, Map.of("jane@example.org", "rfc822;jane+40example.org",
                "bob@example.org", "rfc822;bob+40example.org"), Map.of("jane@example.org", "SUCCESS,DELAY",
                "bob@example.org", "FAILURE"));
        StoredMessage m = fx.store("", null, null, twoRecipients, "john@tw.company.com");

        byte[] converted = ((ContentHandling.Replace) reports.handle(route(true, 0, true), m)).content();

        DeliveryStatus status = fx.deliveryStatus(fx.store("", null, null,
                new String(converted, StandardCharsets.UTF_8), "x@y.z"));
        assertThat(status.getRecipientDSNCount()).isEqualTo(1);
        assertThat(status.getRecipientDSN(0).getHeader("Final-Recipient", null)).isEqualTo("rfc822; bob@example.org");
    }
}
