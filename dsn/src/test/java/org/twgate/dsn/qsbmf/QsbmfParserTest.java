package org.twgate.dsn.qsbmf;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.twgate.dsn.qsbmf.QmailBounce.OriginalPart;
import org.twgate.dsn.status.EnhancedStatus;
import org.twgate.dsn.testing.Golden;

/** Bounces of each kind qmail-send writes, written from the QSBMF spec and qmail's messages. */
class QsbmfParserTest {

    static QmailBounce parse(String name) throws IOException {
        try (InputStream in = Golden.open("qsbmf/" + name)) {
            return QsbmfParser.parse(in).orElseThrow(() -> new AssertionError(name + " not recognised"));
        }
    }

    static String original(String name, QmailBounce bounce) throws IOException {
        try (InputStream in = bounce.openOriginal(Golden.open("qsbmf/" + name))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void readsARemoteRefusalAtRcpt() throws IOException {
        QmailBounce b = parse("remote-5xx-at-rcpt.in");
        assertThat(b.reportingHost()).contains("mail.company.com");
        assertThat(b.recipients()).singleElement().satisfies(r -> {
            assertThat(r.address()).isEqualTo("jane@example.org");
            assertThat(r.remoteReply()).contains("550 5.1.1 <jane@example.org>: Recipient address rejected: User unknown");
            assertThat(r.remoteHost()).contains("192.0.2.25");
            assertThat(r.code()).isEmpty();
            assertThat(r.lifetimeExpired()).isFalse();
        });
        assertThat(b.original()).isEqualTo(OriginalPart.FULL);
        assertThat(original("remote-5xx-at-rcpt.in", b))
                .startsWith("Return-Path: <john@tw.company.com>\n").endsWith("the figures.\n");
    }

    @Test
    void readsARemoteRefusalAfterData() throws IOException {
        QmailBounce b = parse("remote-5xx-after-data.in");
        QmailBounceRecipient r = b.recipients().get(0);
        assertThat(r.remoteReply()).contains("554 Message rejected: content policy");
        assertThat(r.remoteHost()).contains("192.0.2.25");
        assertThat(QsbmfConverter.statusOf(r)).isEqualTo(EnhancedStatus.PERMANENT);
    }

    @Test
    void readsALifetimeExpiry() throws IOException {
        QmailBounceRecipient r = parse("lifetime-expired.in").recipients().get(0);
        assertThat(r.lifetimeExpired()).isTrue();
        assertThat(r.code()).contains(EnhancedStatus.parse("4.4.2"));
        assertThat(r.remoteHost()).contains("192.0.2.25");
        assertThat(QsbmfConverter.statusOf(r)).isEqualTo(EnhancedStatus.parse("4.4.2"));
    }

    @Test
    void readsSeveralRecipientsAndAHeadersOnlyOriginal() throws IOException {
        QmailBounce b = parse("several-recipients.in");
        assertThat(b.recipients()).extracting(QmailBounceRecipient::address)
                .containsExactly("jane@example.org", "bob@example.net", "carol@example.com");
        assertThat(b.recipients()).extracting(QsbmfConverter::statusOf).containsExactly(
                EnhancedStatus.parse("5.1.1"), EnhancedStatus.parse("5.1.2"), EnhancedStatus.PERMANENT);
        assertThat(b.recipients().get(2).remoteHost()).contains("198.51.100.7");
        assertThat(b.original()).isEqualTo(OriginalPart.HEADERS);
        assertThat(original("several-recipients.in", b)).contains("Subject: Quarterly figures").doesNotContain("Hello");
    }

    @Test
    void readsALocalUnknownUser() throws IOException {
        QmailBounceRecipient r = parse("local-unknown-user.in").recipients().get(0);
        assertThat(r.address()).isEqualTo("nobody@mail.company.com");
        assertThat(r.text()).isEqualTo("Sorry, no mailbox here by that name. (#5.1.1)");
        assertThat(r.code()).contains(EnhancedStatus.BAD_MAILBOX);
        assertThat(r.remoteReply()).isEmpty();
        assertThat(r.remoteHost()).isEmpty();
    }

    @Test
    void doesNotTakeAnOrdinaryMessageForABounce() throws IOException {
        try (InputStream in = Golden.open("qsbmf/ordinary-message.in")) {
            assertThat(QsbmfParser.parse(in)).isEmpty();
        }
        assertThat(QsbmfParser.parse(InputStream.nullInputStream())).isEmpty();
    }

    @Test
    void readsCrlfBouncesAndTextAfterTheAddressOnTheSameLine() throws IOException {
        String bounce = "Subject: failure notice\r\n\r\nHi. This is the qmail-send program at h.example.\r\n"
                + "Intro.\r\n\r\n<a@b.example>: Sorry. (#5.1.1)\r\n\r\n--- Below this line is a copy of the message.\r\n\r\n"
                + "Subject: x\r\n\r\nbody\r\n";
        QmailBounce b = QsbmfParser.parse(new java.io.ByteArrayInputStream(bounce.getBytes(StandardCharsets.US_ASCII)))
                .orElseThrow();
        assertThat(b.reportingHost()).contains("h.example");
        assertThat(b.recipients().get(0).text()).isEqualTo("Sorry. (#5.1.1)");
        assertThat(new String(b.openOriginal(new java.io.ByteArrayInputStream(bounce.getBytes(StandardCharsets.US_ASCII)))
                .readAllBytes(), StandardCharsets.US_ASCII)).isEqualTo("Subject: x\r\n\r\nbody\r\n");
    }

    @Test
    void declinesABounceWhoseTextIsBeyondTheBound() throws IOException {
        String huge = "Subject: x\n\nHi. This is the qmail-send program at h.\n\n<a@b>:\n"
                + "y".repeat(1000).concat("\n").repeat(1100) + "\n--- Below this line is a copy of the message.\n\n";
        Optional<QmailBounce> b = QsbmfParser.parse(new java.io.ByteArrayInputStream(huge.getBytes(StandardCharsets.US_ASCII)));
        assertThat(b).isEmpty();
    }
}
