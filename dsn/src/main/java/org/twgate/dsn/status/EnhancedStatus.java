package org.twgate.dsn.status;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An RFC 3463 enhanced status code, {@code class.subject.detail}.
 *
 * <p>Only classes 2 (success), 4 (persistent transient failure) and 5 (permanent failure)
 * exist; subject and detail are one to three digits.
 */
public record EnhancedStatus(int statusClass, int subject, int detail) {

    public static final EnhancedStatus SUCCESS = new EnhancedStatus(2, 0, 0);
    public static final EnhancedStatus TRANSIENT = new EnhancedStatus(4, 0, 0);
    public static final EnhancedStatus PERMANENT = new EnhancedStatus(5, 0, 0);
    /** 5.1.1 Bad destination mailbox address. */
    public static final EnhancedStatus BAD_MAILBOX = new EnhancedStatus(5, 1, 1);
    /** 5.1.3 Bad destination mailbox address syntax. */
    public static final EnhancedStatus BAD_ADDRESS_SYNTAX = new EnhancedStatus(5, 1, 3);
    /** 5.1.2 Bad destination system address (no such domain, or no host to deliver to). */
    public static final EnhancedStatus BAD_DESTINATION_SYSTEM = new EnhancedStatus(5, 1, 2);
    /** 4.4.7 Delivery time expired. */
    public static final EnhancedStatus DELIVERY_TIME_EXPIRED = new EnhancedStatus(4, 4, 7);
    /** 5.5.2 Syntax error (command not recognised). */
    public static final EnhancedStatus SYNTAX_ERROR = new EnhancedStatus(5, 5, 2);
    /** 5.5.4 Invalid command arguments. */
    public static final EnhancedStatus INVALID_ARGUMENTS = new EnhancedStatus(5, 5, 4);

    private static final Pattern CODE = Pattern.compile("([245])\\.(\\d{1,3})\\.(\\d{1,3})");

    public EnhancedStatus {
        if (statusClass != 2 && statusClass != 4 && statusClass != 5) {
            throw new IllegalArgumentException("Status class must be 2, 4 or 5: " + statusClass);
        }
        if (subject < 0 || subject > 999 || detail < 0 || detail > 999) {
            throw new IllegalArgumentException(
                    "Status subject and detail must be 0..999: " + subject + "." + detail);
        }
    }

    /** Parses exactly {@code class.subject.detail}; throws quoting the text otherwise. */
    public static EnhancedStatus parse(String text) {
        Matcher m = CODE.matcher(text == null ? "" : text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("Not an enhanced status code: '" + text + "'");
        }
        return new EnhancedStatus(Integer.parseInt(m.group(1)),
                Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
    }

    /**
     * Reads the code at the start of {@code text} (followed by a space or the end), or returns
     * null when the text does not start with one: a missing code is normal for old servers, so
     * an SMTP client reading replies wants no exception.
     */
    public static EnhancedStatus parseLeading(String text) {
        int end = text.indexOf(' ');
        Matcher m = CODE.matcher(end < 0 ? text : text.substring(0, end));
        if (!m.matches()) {
            return null;
        }
        return new EnhancedStatus(Integer.parseInt(m.group(1)),
                Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
    }

    /** The generic code of a basic SMTP reply code's class: 250 gives 2.0.0, 451 gives 4.0.0. */
    public static EnhancedStatus genericFor(int replyCode) {
        return switch (replyCode / 100) {
            case 2 -> SUCCESS;
            case 4 -> TRANSIENT;
            case 5 -> PERMANENT;
            default -> throw new IllegalArgumentException("Not an SMTP reply code: " + replyCode);
        };
    }

    public boolean isSuccess() {
        return statusClass == 2;
    }

    public boolean isTransient() {
        return statusClass == 4;
    }

    public boolean isPermanent() {
        return statusClass == 5;
    }

    /** The same subject and detail under another class, e.g. 4.4.7 made permanent as 5.4.7. */
    public EnhancedStatus withClass(int newClass) {
        return new EnhancedStatus(newClass, subject, detail);
    }

    @Override
    public String toString() {
        return statusClass + "." + subject + "." + detail;
    }
}
