package org.twgate.dsn.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Writes the facts of a report as an ordinary {@code text/plain} message to the sender, for
 * routes whose {@code deliver_relayed_dsn} is 1: a person reads it, no client treats it as a
 * report. The original's header block is quoted at the end when
 * {@link DsnReport#returnContent()} asks for it; RET=FULL is not honoured here (a plain
 * notice is no way to return a whole message), it quotes the headers too.
 */
public final class PlainTextNoticeWriter {

    private PlainTextNoticeWriter() {
    }

    public static void write(DsnReport report, ReportHeaders headers, InputStream original,
            OutputStream out) throws IOException {
        String text = HumanReadableText.render(report);
        boolean ascii = FieldWriter.isAscii(text);
        StringBuilder head = new StringBuilder(1024);
        new FieldWriter(head)
                .field("From", headers.from())
                .field("To", headers.to())
                .field("Subject", "Delivery Notice (" + report.headlineAction().subjectWord() + ")")
                .field("Date", Rfc5322Date.format(headers.date()))
                .field("Message-ID", headers.messageId())
                .field("Auto-Submitted", "auto-replied")
                .field("MIME-Version", "1.0")
                .field("Content-Type", "text/plain; charset=" + (ascii ? "us-ascii" : "utf-8"))
                .field("Content-Transfer-Encoding", ascii ? "7bit" : "8bit");
        head.append("\r\n").append(text);
        out.write(FieldWriter.bytes(head));
        if (report.returnContent() != ReturnContent.NONE) {
            // The original header block is quoted as is; it may carry 8-bit text.
            out.write(FieldWriter.bytes("\r\n--- The header of your message follows.\r\n\r\n"));
            CrlfCopier.copyHeaders(original, out);
        }
        out.flush();
    }
}
