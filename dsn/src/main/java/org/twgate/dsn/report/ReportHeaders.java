package org.twgate.dsn.report;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The header fields of the new report message that are not report facts. All injectable so
 * golden renderings are reproducible; {@link #generate} makes fresh ones for production.
 *
 * @param from      the From field, e.g. {@code Mail Delivery System <MAILER-DAEMON@host>}
 * @param to        the original envelope sender the report goes to
 * @param messageId the Message-ID with angle brackets
 * @param date      the Date
 * @param boundary  the MIME boundary; must not occur as a line in the original message
 */
public record ReportHeaders(String from, String to, String messageId, ZonedDateTime date, String boundary) {

    private static final SecureRandom RANDOM = new SecureRandom();

    public ReportHeaders {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(date, "date");
        if (boundary == null || boundary.isEmpty() || boundary.length() > 70) {
            throw new IllegalArgumentException("MIME boundary must be 1..70 characters: " + boundary);
        }
    }

    /** {@code Mail Delivery System <MAILER-DAEMON@host>}, the conventional report sender. */
    public static String mailerDaemon(String reportingHost) {
        return "Mail Delivery System <MAILER-DAEMON@" + reportingHost + ">";
    }

    /**
     * Fresh headers: From {@code MAILER-DAEMON@reportingHost}, a random 128-bit boundary
     * (a collision with a line of the original is as unlikely as guessing it) and Message-ID.
     */
    public static ReportHeaders generate(String reportingHost, String to, Clock clock) {
        byte[] random = new byte[16];
        RANDOM.nextBytes(random);
        String token = HexFormat.of().formatHex(random);
        ZonedDateTime now = ZonedDateTime.now(clock);
        return new ReportHeaders(mailerDaemon(reportingHost), to,
                "<" + now.toInstant().toEpochMilli() + "." + token.substring(0, 12) + ".dsn@"
                        + reportingHost + ">",
                now, "=_twgate_dsn_" + token);
    }

    public ReportHeaders withFrom(String newFrom) {
        return new ReportHeaders(newFrom, to, messageId, date, boundary);
    }
}
