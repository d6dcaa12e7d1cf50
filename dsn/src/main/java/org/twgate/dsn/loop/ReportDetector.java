package org.twgate.dsn.loop;

import java.util.Locale;
import java.util.Optional;

/**
 * Decides whether a message is a report or bounce, so callers never report about a report.
 * The rules, first match wins:
 * <ol>
 * <li>a null envelope sender: whatever it is, a report to {@code <>} could not be sent;</li>
 * <li>{@code Content-Type: multipart/report}: a DSN or MDN, even from a non-null sender;</li>
 * <li>{@code Auto-Submitted} with any value but {@code no}: auto-replies, auto-generated mail.</li>
 * </ol>
 */
public final class ReportDetector {

    private ReportDetector() {
    }

    /**
     * @param headers        the message's header block
     * @param envelopeSender the MAIL FROM path, without brackets; "" or "<>" for null
     */
    public static ReportVerdict classify(HeaderBlock headers, String envelopeSender) {
        String sender = envelopeSender == null ? "" : envelopeSender.strip();
        if (sender.isEmpty() || sender.equals("<>")) {
            return ReportVerdict.NULL_SENDER;
        }
        Optional<String> type = headers.first("Content-Type");
        if (type.isPresent() && mediaType(type.get()).equals("multipart/report")) {
            return ReportVerdict.MULTIPART_REPORT;
        }
        Optional<String> auto = headers.first("Auto-Submitted");
        if (auto.isPresent() && !mediaType(auto.get()).equals("no")) {
            return ReportVerdict.AUTO_SUBMITTED;
        }
        return ReportVerdict.NOT_A_REPORT;
    }

    /** The token before any parameters or comment, lower-cased: "Multipart/Report; x" gives "multipart/report". */
    private static String mediaType(String value) {
        String v = value;
        int cut = v.length();
        for (char c : new char[] {';', '(', ' ', '\t'}) {
            int i = v.indexOf(c);
            if (i >= 0 && i < cut) {
                cut = i;
            }
        }
        return v.substring(0, cut).strip().toLowerCase(Locale.ROOT);
    }
}
