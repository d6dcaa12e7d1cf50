package org.twgate.gateway.notify;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.twgate.gateway.queue.Notifier;
import org.twgate.gateway.spool.Spool;
import org.twgate.gateway.spool.StoredMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A plain-text failure notice with the original header block attached as text: what the relay
 * core sends until RFC 3464 reports replace it. Null sender, {@code Auto-Submitted: auto-replied}.
 */
public final class PlainFailureNotice implements Notifier {
    private static final Logger LOG = LoggerFactory.getLogger("org.twgate.notify");
    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final int MAX_HEADERS = 64 << 10;

    private final String hostname;
    private final Spool spool;
    private final LocalSubmission submission;
    private final Clock clock;

    public PlainFailureNotice(String hostname, Spool spool, LocalSubmission submission, Clock clock) {
        this.hostname = hostname;
        this.spool = spool;
        this.submission = submission;
        this.clock = clock;
    }

    @Override
    public void failed(StoredMessage message, List<FailedRecipient> recipients) throws IOException {
        StringBuilder text = new StringBuilder(1024);
        String date = DATE.format(clock.instant());
        text.append("From: Mail Delivery System <MAILER-DAEMON@").append(hostname).append(">\r\n")
                .append("To: <").append(message.envelope().sender()).append(">\r\n")
                .append("Subject: Undelivered Mail Returned to Sender\r\n")
                .append("Date: ").append(date).append("\r\n")
                .append("Message-ID: <").append(message.id()).append(".failure@").append(hostname).append(">\r\n")
                .append("Auto-Submitted: auto-replied\r\n")
                .append("MIME-Version: 1.0\r\n")
                .append("Content-Type: text/plain; charset=utf-8\r\n")
                .append("Content-Transfer-Encoding: 8bit\r\n\r\n")
                .append("This is twgate at ").append(hostname).append(".\r\n\r\n")
                .append("Your message (queue id ").append(message.id()).append(") could not be delivered\r\n")
                .append("to the following recipients. This is a permanent error.\r\n\r\n");
        for (FailedRecipient f : recipients) {
            text.append("<").append(f.recipient().address()).append(">:\r\n    ")
                    .append(f.expired() ? "Gave up: the message stayed in the queue too long. Last error: " : "")
                    .append(f.reply() == null ? "(no reply)" : f.reply());
            if (f.remoteMta() != null) {
                text.append("\r\n    (reported by ").append(f.remoteMta()).append(")");
            }
            text.append("\r\n\r\n");
        }
        text.append("--- Below this line are the headers of your message.\r\n\r\n");
        byte[] head = text.toString().getBytes(StandardCharsets.UTF_8);
        byte[] headers = originalHeaders(message);
        byte[] content = new byte[head.length + headers.length];
        System.arraycopy(head, 0, content, 0, head.length);
        System.arraycopy(headers, 0, content, head.length, headers.length);
        var notice = submission.submit("", message.envelope().sender(), content);
        LOG.info("queue_id={} event=bounce notice_id={} to=<{}> recipients={}", message.id(), notice,
                message.envelope().sender(), recipients.size());
    }

    /** The original header block, up to and excluding the empty line (at most 64 KiB). */
    private byte[] originalHeaders(StoredMessage message) throws IOException {
        try (InputStream in = spool.openContent(message)) {
            byte[] block = in.readNBytes(MAX_HEADERS);
            String text = new String(block, StandardCharsets.ISO_8859_1);
            int end = text.indexOf("\r\n\r\n");
            int length = end < 0 ? block.length : end + 2;
            byte[] out = new byte[length];
            System.arraycopy(block, 0, out, 0, length);
            return out;
        }
    }
}
