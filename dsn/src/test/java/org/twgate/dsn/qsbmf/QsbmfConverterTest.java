package org.twgate.dsn.qsbmf;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.time.ZonedDateTime;
import java.util.Optional;
import org.eclipse.angus.mail.dsn.DeliveryStatus;
import org.junit.jupiter.api.Test;
import org.twgate.dsn.param.OriginalRecipient;
import org.twgate.dsn.report.DsnReport;
import org.twgate.dsn.report.DsnWriter;
import org.twgate.dsn.report.ReportHeaders;
import org.twgate.dsn.report.ReturnContent;
import org.twgate.dsn.testing.AngusReports;
import org.twgate.dsn.testing.Golden;

class QsbmfConverterTest {

    private static final ReportHeaders HEADERS = new ReportHeaders(
            ReportHeaders.mailerDaemon("gw.company.com"), "john@tw.company.com", "<conv-1@gw.company.com>",
            ZonedDateTime.parse("2026-11-20T10:20:05+01:00"), "BOUNDARY-qsbmf-test");

    private static byte[] convertAndWrite(String name, RecoveredEnvelope recovered) throws Exception {
        QmailBounce bounce = QsbmfParserTest.parse(name);
        DsnReport report = QsbmfConverter.convert(bounce, "gw.company.com", recovered);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (InputStream original = bounce.openOriginal(Golden.open("qsbmf/" + name))) {
            DsnWriter.write(report, HEADERS, original, out);
        }
        return out.toByteArray();
    }

    @Test
    void turnsEachParagraphIntoAFailedRecipientWithRecoveredEnvelopeFacts() throws Exception {
        RecoveredEnvelope recovered = new RecoveredEnvelope(Optional.of("TW-0001-ABCD"),
                address -> address.equals("jane@example.org")
                        ? Optional.of(OriginalRecipient.of("tw.jane@company.com")) : Optional.empty());
        byte[] bytes = convertAndWrite("several-recipients.in", recovered);
        Golden.assertMatches("reports/qsbmf-several.expected", bytes);

        DeliveryStatus ds = AngusReports.deliveryStatus(bytes);
        assertThat(ds.getMessageDSN().getHeader("Reporting-MTA", null)).isEqualTo("dns; mail.company.com");
        assertThat(ds.getMessageDSN().getHeader("Original-Envelope-Id", null)).isEqualTo("TW-0001-ABCD");
        assertThat(ds.getRecipientDSNCount()).isEqualTo(3);
        assertThat(ds.getRecipientDSN(0).getHeader("Original-Recipient", null)).isEqualTo("rfc822; tw.jane@company.com");
        assertThat(ds.getRecipientDSN(0).getHeader("Status", null)).isEqualTo("5.1.1");
        assertThat(ds.getRecipientDSN(0).getHeader("Remote-MTA", null)).isEqualTo("dns; 192.0.2.25");
        assertThat(ds.getRecipientDSN(0).getHeader("Diagnostic-Code", null)).isEqualTo("smtp; 550 5.1.1 unknown user");
        assertThat(ds.getRecipientDSN(1).getHeader("Original-Recipient", null)).isNull();
        assertThat(ds.getRecipientDSN(1).getHeader("Diagnostic-Code", null).replaceAll("\r?\n ", " "))
                .isEqualTo("X-qmail; Sorry, I couldn't find any host named example.net. (#5.1.2)");
        for (int i = 0; i < 3; i++) {
            assertThat(ds.getRecipientDSN(i).getHeader("Action", null)).isEqualTo("failed");
        }
        assertThat(AngusReports.report(bytes).getBodyPart(2).getContentType()).isEqualTo("text/rfc822-headers");
    }

    @Test
    void keepsTheWholeBounceTextAndTheWholeOriginal() throws Exception {
        byte[] bytes = convertAndWrite("remote-5xx-at-rcpt.in", RecoveredEnvelope.NONE);
        String human = (String) AngusReports.report(bytes).getBodyPart(0).getContent();
        String bounceText = QsbmfParserTest.parse("remote-5xx-at-rcpt.in").text();
        for (String line : bounceText.split("\n")) {
            assertThat(human).contains(line);
        }
        MimeMessage returned = AngusReports.report(bytes).getReturnedMessage();
        assertThat(returned.getSubject()).isEqualTo("Quarterly figures");
        assertThat((String) returned.getContent()).contains("the figures.");
        assertThat(AngusReports.deliveryStatus(bytes).getMessageDSN().getHeader("Original-Envelope-Id", null)).isNull();
    }

    @Test
    void returnsWhatTheBounceCarried() throws Exception {
        DsnReport lifetime = QsbmfConverter.convert(QsbmfParserTest.parse("lifetime-expired.in"), "gw", RecoveredEnvelope.NONE);
        assertThat(lifetime.returnContent()).isEqualTo(ReturnContent.FULL);
        assertThat(lifetime.recipients().get(0).remoteMta()).contains("192.0.2.25");
        assertThat(lifetime.recipients().get(0).diagnosticCode().orElseThrow().text())
                .contains("in the queue too long");
    }
}
