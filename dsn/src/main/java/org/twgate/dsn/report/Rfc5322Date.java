package org.twgate.dsn.report;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** RFC 5322 §3.3 date-time, with a numeric zone (never "GMT" or a zone name). */
public final class Rfc5322Date {

    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss xx", Locale.ROOT);

    private Rfc5322Date() {
    }

    public static String format(ZonedDateTime when) {
        return FORMAT.format(when);
    }
}
