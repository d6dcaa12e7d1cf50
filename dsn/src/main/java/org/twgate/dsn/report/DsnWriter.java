package org.twgate.dsn.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.twgate.dsn.status.Action;

/**
 * Writes an RFC 3464 report: {@code multipart/report; report-type=delivery-status} with a
 * human-readable part, the {@code message/delivery-status} part and, per
 * {@link DsnReport#returnContent()}, {@code text/rfc822-headers} or {@code message/rfc822}.
 *
 * <p>Deterministic: the same report, headers and original give the same bytes. The envelope
 * sender of the report (null, {@code <>}) is the caller's to set.
 */
public final class DsnWriter {

    private DsnWriter() {
    }

    /**
     * Writes the whole report to {@code out}; {@code original} is read only as far as the
     * return content needs (not at all for {@link ReturnContent#NONE}) and is not closed.
     */
    public static void write(DsnReport report, ReportHeaders headers, InputStream original,
            OutputStream out) throws IOException {
        String human = HumanReadableText.render(report);
        boolean humanAscii = FieldWriter.isAscii(human);
        // message/rfc822 may carry 8-bit content we have not scanned; declare what it may be.
        boolean eightBit = report.returnContent() == ReturnContent.FULL || !humanAscii;
        String b = headers.boundary();
        Action headline = report.headlineAction();
        String undelivered = headline == Action.FAILED || headline == Action.DELAYED ? "Undelivered " : "";

        StringBuilder head = new StringBuilder(1024);
        FieldWriter fields = new FieldWriter(head);
        fields.field("From", headers.from())
                .field("To", headers.to())
                .field("Subject", "Delivery Status Notification (" + headline.subjectWord() + ")")
                .field("Date", Rfc5322Date.format(headers.date()))
                .field("Message-ID", headers.messageId())
                .field("Auto-Submitted", "auto-replied")
                .field("MIME-Version", "1.0");
        head.append("Content-Type: multipart/report; report-type=delivery-status;\r\n")
                .append("\tboundary=\"").append(b).append("\"\r\n");
        if (eightBit) {
            head.append("Content-Transfer-Encoding: 8bit\r\n");
        }
        head.append("\r\nThis is a MIME-encapsulated message.\r\n\r\n");

        head.append("--").append(b).append("\r\n")
                .append("Content-Description: Notification\r\n")
                .append("Content-Type: text/plain; charset=").append(humanAscii ? "us-ascii" : "utf-8").append("\r\n")
                .append(humanAscii ? "" : "Content-Transfer-Encoding: 8bit\r\n")
                .append("\r\n").append(human).append("\r\n");

        head.append("--").append(b).append("\r\n")
                .append("Content-Description: Delivery report\r\n")
                .append("Content-Type: message/delivery-status\r\n\r\n")
                .append(DeliveryStatusBody.render(report)).append("\r\n");
        out.write(FieldWriter.bytes(head));

        switch (report.returnContent()) {
            case HEADERS -> {
                out.write(FieldWriter.bytes("--" + b + "\r\n"
                        + "Content-Description: " + undelivered + "Message Headers\r\n"
                        + "Content-Type: text/rfc822-headers\r\n\r\n"));
                CrlfCopier.copyHeaders(original, out);
                out.write(FieldWriter.bytes("\r\n"));
            }
            case FULL -> {
                out.write(FieldWriter.bytes("--" + b + "\r\n"
                        + "Content-Description: " + undelivered + "Message\r\n"
                        + "Content-Type: message/rfc822\r\n"
                        + "Content-Transfer-Encoding: 8bit\r\n\r\n"));
                CrlfCopier.copyAll(original, out);
                out.write(FieldWriter.bytes("\r\n"));
            }
            case NONE -> {
                // nothing of the original
            }
        }
        out.write(FieldWriter.bytes("--" + b + "--\r\n"));
        out.flush();
    }
}
