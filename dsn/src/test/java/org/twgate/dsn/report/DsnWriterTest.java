package org.twgate.dsn.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.eclipse.angus.mail.dsn.DeliveryStatus;
import org.eclipse.angus.mail.dsn.MultipartReport;
import org.junit.jupiter.api.Test;
import org.twgate.dsn.status.Action;
import org.twgate.dsn.status.EnhancedStatus;
import org.twgate.dsn.testing.AngusReports;
import org.twgate.dsn.testing.Golden;

class DsnWriterTest {

    static byte[] render(DsnReport report) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (InputStream original = Golden.open("reports/original.in")) {
            DsnWriter.write(report, ReportFixtures.headers(), original, out);
        }
        return out.toByteArray();
    }

    @Test
    void rendersAFailureReportWithTheWholeMessage() throws Exception {
        byte[] bytes = render(ReportFixtures.failed());
        Golden.assertMatches("reports/failed.expected", bytes);
        DeliveryStatus ds = AngusReports.deliveryStatus(bytes);
        assertRequiredFields(ds, ReportFixtures.failed());
        assertThat(ds.getMessageDSN().getHeader("Original-Envelope-Id", null)).isEqualTo("QQ314159");
        assertThat(ds.getRecipientDSN(0).getHeader("Original-Recipient", null)).isEqualTo("rfc822; jane@example.org");
        assertThat(ds.getRecipientDSN(0).getHeader("Diagnostic-Code", null)).contains("User unknown in virtual mailbox");
        MimeMessage returned = AngusReports.report(bytes).getReturnedMessage();
        assertThat(returned.getSubject()).isEqualTo("Quarterly figures");
        assertThat(returned.getContent().toString()).contains("the figures are attached in spirit.");
    }

    @Test
    void rendersADelayReportWithHeadersOnly() throws Exception {
        byte[] bytes = render(ReportFixtures.delayed());
        Golden.assertMatches("reports/delayed.expected", bytes);
        DeliveryStatus ds = AngusReports.deliveryStatus(bytes);
        assertRequiredFields(ds, ReportFixtures.delayed());
        assertThat(ds.getRecipientDSN(0).getHeader("Will-Retry-Until", null)).isEqualTo("Wed, 25 Nov 2026 09:14:00 +0100");
        assertHeadersOnlyReturned(bytes);
    }

    @Test
    void rendersARelayedNoticeWithHeadersOnly() throws Exception {
        byte[] bytes = render(ReportFixtures.relayed());
        Golden.assertMatches("reports/relayed.expected", bytes);
        DeliveryStatus ds = AngusReports.deliveryStatus(bytes);
        assertRequiredFields(ds, ReportFixtures.relayed());
        assertThat(ds.getRecipientDSN(0).getHeader("Status", null)).isEqualTo("2.0.0");
        assertThat(ds.getRecipientDSN(0).getHeader("Remote-MTA", null)).isEqualTo("dns; 127.0.0.1");
        assertThat(ds.getRecipientDSN(0).getHeader("Original-Recipient", null))
                .isEqualTo("rfc822; tw.john@company.com");
        assertHeadersOnlyReturned(bytes);
    }

    @Test
    void rendersADeliveredReport() throws Exception {
        byte[] bytes = render(ReportFixtures.delivered());
        Golden.assertMatches("reports/delivered.expected", bytes);
        assertRequiredFields(AngusReports.deliveryStatus(bytes), ReportFixtures.delivered());
    }

    @Test
    void rendersARelayedNoticeAsPlainText() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (InputStream original = Golden.open("reports/original.in")) {
            PlainTextNoticeWriter.write(ReportFixtures.relayed(), ReportFixtures.headers(), original, out);
        }
        byte[] bytes = out.toByteArray();
        Golden.assertMatches("reports/relayed-as-text.expected", bytes);
        MimeMessage msg = AngusReports.message(bytes);
        assertThat(msg.getContentType()).startsWith("text/plain");
        assertThat(msg.getHeader("Auto-Submitted", null)).isEqualTo("auto-replied");
        assertThat((String) msg.getContent()).contains("<john@tw.company.com>", "status 2.0.0",
                "250 ok 1763629000 qp 4711", "Subject: Quarterly figures").doesNotContain("the figures are attached");
    }

    /** RFC 3464 §2 and RFC 3461 §6: the fields every report must carry, and the envelope facts. */
    static void assertRequiredFields(DeliveryStatus ds, DsnReport report) throws Exception {
        InternetHeaders message = ds.getMessageDSN();
        assertThat(message.getHeader("Reporting-MTA", null)).isEqualTo("dns; " + report.reportingMta());
        assertThat(message.getHeader("Arrival-Date", null)).isNotNull();
        assertThat(ds.getRecipientDSNCount()).isEqualTo(report.recipients().size());
        for (int i = 0; i < report.recipients().size(); i++) {
            DsnRecipient expected = report.recipients().get(i);
            InternetHeaders r = ds.getRecipientDSN(i);
            assertThat(r.getHeader("Final-Recipient", null)).isEqualTo("rfc822; " + expected.finalRecipient());
            assertThat(r.getHeader("Action", null)).isEqualTo(expected.action().fieldValue());
            assertThat(r.getHeader("Status", null)).isEqualTo(expected.status().toString());
            assertThat(r.getHeader("Original-Recipient", null) != null).isEqualTo(expected.originalRecipient().isPresent());
        }
    }

    static void assertHeadersOnlyReturned(byte[] bytes) throws Exception {
        MultipartReport report = AngusReports.report(bytes);
        assertThat(report.getCount()).isEqualTo(3);
        assertThat(report.getBodyPart(2).getContentType()).isEqualTo("text/rfc822-headers");
        String returned = new String(report.getBodyPart(2).getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(returned).contains("Subject: Quarterly figures").doesNotContain("Hello Jane");
        MimeMessage top = AngusReports.message(bytes);
        assertThat(top.getHeader("Auto-Submitted", null)).isEqualTo("auto-replied");
        assertThat(top.getHeader("From", null)).isEqualTo("Mail Delivery System <MAILER-DAEMON@gw.company.com>");
        assertThat(top.getHeader("To", null)).isEqualTo("john@company.com");
        assertThat(top.getHeader("MIME-Version", null)).isEqualTo("1.0");
    }

    @Test
    void namesTheReportAfterItsMostSevereAction() throws Exception {
        DsnReport mixed = DsnReport.of("h", List.of(
                DsnRecipient.of("a@x", Action.RELAYED, EnhancedStatus.SUCCESS),
                DsnRecipient.of("b@x", Action.FAILED, EnhancedStatus.PERMANENT)), ReturnContent.NONE);
        assertThat(mixed.headlineAction()).isEqualTo(Action.FAILED);
        assertThat(AngusReports.message(render(mixed)).getSubject())
                .isEqualTo("Delivery Status Notification (Failure)");
    }

    @Test
    void refusesAReportWithoutRecipients() {
        assertThatThrownBy(() -> DsnReport.of("gw.example", List.of(), ReturnContent.NONE))
                .hasMessageContaining("at least one recipient").hasMessageContaining("gw.example");
    }

    @Test
    void aRemoteReplyCannotInjectFieldsIntoTheReport() throws Exception {
        DsnReport report = DsnReport.of("gw.example", List.of(
                DsnRecipient.of("a@x.example", Action.FAILED, EnhancedStatus.PERMANENT)
                        .withDiagnostic(Diagnostic.smtp("550 no\r\nAction: delivered\r\n\r\nX-Evil: 1"))),
                ReturnContent.NONE);
        byte[] bytes = render(report);
        String text = new String(bytes, StandardCharsets.US_ASCII);
        assertThat(text).doesNotContain("\r\nX-Evil").doesNotContain("\r\nAction: delivered");
        DeliveryStatus ds = AngusReports.deliveryStatus(bytes);
        assertThat(ds.getRecipientDSNCount()).isEqualTo(1);
        assertThat(ds.getRecipientDSN(0).getHeader("Action", null)).isEqualTo("failed");
    }

    @Test
    void foldsLongDiagnosticsWithinLineLimits() throws Exception {
        String longReply = "550 5.7.1 " + "blocked ".repeat(200) + "x".repeat(1200);
        DsnReport report = DsnReport.of("gw.example", List.of(
                DsnRecipient.of("a@x.example", Action.FAILED, EnhancedStatus.parse("5.7.1"))
                        .withDiagnostic(Diagnostic.smtp(longReply))), ReturnContent.NONE);
        String text = new String(render(report), StandardCharsets.US_ASCII);
        assertThat(text.split("\r\n")).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(998));
        String unfolded = AngusReports.deliveryStatus(render(report)).getRecipientDSN(0).getHeader("Diagnostic-Code", null);
        assertThat(unfolded.replaceAll("\\s+", " ")).startsWith("smtp; 550 5.7.1 blocked blocked");
    }

    @Test
    void normalisesBareLineEndsInTheReturnedMessage() throws Exception {
        byte[] original = "Subject: x\nFrom: a@b\r\n\nline one\rline two\n.\n".getBytes(StandardCharsets.US_ASCII);
        DsnReport report = DsnReport.of("gw.example", List.of(
                DsnRecipient.of("a@x.example", Action.FAILED, EnhancedStatus.PERMANENT)), ReturnContent.FULL);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DsnWriter.write(report, ReportFixtures.headers(), new ByteArrayInputStream(original), out);
        String text = out.toString(StandardCharsets.US_ASCII);
        assertThat(text).contains("Subject: x\r\nFrom: a@b\r\n\r\nline one\r\nline two\r\n.\r\n\r\n--BOUNDARY-twgate-test--");
        assertThat(text.replace("\r\n", "")).doesNotContain("\r").doesNotContain("\n");
    }

    @Test
    void onlyAFailureReturnsTheWholeMessage() {
        assertThat(ReturnContent.forOutcome(java.util.Optional.of(org.twgate.dsn.param.Ret.FULL), Action.RELAYED))
                .isEqualTo(ReturnContent.HEADERS);
        assertThat(ReturnContent.forOutcome(java.util.Optional.of(org.twgate.dsn.param.Ret.HDRS), Action.FAILED))
                .isEqualTo(ReturnContent.HEADERS);
        assertThat(ReturnContent.forOutcome(java.util.Optional.empty(), Action.FAILED)).isEqualTo(ReturnContent.FULL);
    }

    @Test
    void writesUtf8RecipientsInTheirEscapedAsciiForm() throws Exception {
        DsnReport report = DsnReport.of("gw.example", List.of(
                DsnRecipient.of("j\u00f6rg@example.de", Action.FAILED, EnhancedStatus.BAD_MAILBOX)), ReturnContent.NONE);
        byte[] bytes = render(report);
        assertThat(AngusReports.deliveryStatus(bytes).getRecipientDSN(0).getHeader("Final-Recipient", null))
                .isEqualTo("utf-8; j\\x{F6}rg@example.de");
        assertThat(AngusReports.report(bytes).getBodyPart(0).getContentType()).isEqualTo("text/plain; charset=utf-8");
    }
}
