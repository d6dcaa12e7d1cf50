/**
 * RFC 3464 delivery status notifications, written as bytes ready for the spool.
 *
 * <p>Takes a {@link org.twgate.dsn.report.DsnReport} (per-message facts and one
 * {@link org.twgate.dsn.report.DsnRecipient} per recipient), the
 * {@link org.twgate.dsn.report.ReportHeaders} of the new message (sender, date, Message-ID
 * and MIME boundary, all injectable so renderings are byte-for-byte reproducible), and the
 * original message as an {@link java.io.InputStream}. Hands on a complete message with CRLF
 * line endings: {@link org.twgate.dsn.report.DsnWriter} writes
 * {@code multipart/report; report-type=delivery-status};
 * {@link org.twgate.dsn.report.PlainTextNoticeWriter} writes the same facts as an ordinary
 * text/plain message (for {@code deliver_relayed_dsn = 1}).
 *
 * <p>The original is streamed, never loaded: RET=FULL copies it through, headers-only reads
 * only up to the blank line. Field values are stripped of CR, LF and other controls so a
 * hostile remote reply cannot inject fields. Fails only with {@link java.io.IOException}
 * from the streams, or {@link java.lang.IllegalArgumentException} for a report without
 * recipients.
 */
package org.twgate.dsn.report;
