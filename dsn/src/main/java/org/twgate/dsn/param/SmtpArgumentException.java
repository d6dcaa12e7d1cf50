package org.twgate.dsn.param;

import org.twgate.dsn.status.EnhancedStatus;

/**
 * A MAIL or RCPT argument the gateway must refuse, with the reply to refuse it with.
 *
 * <p>The message is the reply text without codes; {@link #reply()} gives the whole line,
 * e.g. {@code 501 5.5.4 Duplicate NOTIFY parameter}.
 */
public final class SmtpArgumentException extends Exception {

    private final int replyCode;
    private final EnhancedStatus status;

    public SmtpArgumentException(int replyCode, EnhancedStatus status, String text) {
        super(text);
        this.replyCode = replyCode;
        this.status = status;
    }

    /**
     * 501 5.5.4: a malformed parameter; every parameter error gets it, with the reason (README,
     * "Delivery status notifications").
     */
    static SmtpArgumentException badParameter(String text) {
        return new SmtpArgumentException(501, EnhancedStatus.INVALID_ARGUMENTS, text);
    }

    static SmtpArgumentException badPath(String text) {
        return new SmtpArgumentException(501, EnhancedStatus.BAD_ADDRESS_SYNTAX, text);
    }

    /**
     * A parameter this parser does not implement: {@code 501 5.5.4}, like every parameter error
     * here. RFC 5321 §4.1.1.11 would say 555 (which the SMTP server answers itself for a parameter
     * it does not offer, before the parser sees it), which is why this is one place to change.
     */
    public static SmtpArgumentException unsupportedParameter(String keyword) {
        return new SmtpArgumentException(501, EnhancedStatus.INVALID_ARGUMENTS,
                "Unsupported parameter " + keyword);
    }

    public int replyCode() {
        return replyCode;
    }

    public EnhancedStatus status() {
        return status;
    }

    /** The full reply line without CRLF. */
    public String reply() {
        return replyCode + " " + status + " " + getMessage();
    }

    /** Quotes client input for an error text: printable ASCII kept, the rest escaped, capped. */
    static String quote(String input) {
        StringBuilder sb = new StringBuilder("'");
        int limit = Math.min(input.length(), 64);
        for (int i = 0; i < limit; i++) {
            char c = input.charAt(i);
            if (c >= 0x20 && c < 0x7f) {
                sb.append(c);
            } else {
                sb.append(String.format("\\x%02X", (int) c));
            }
        }
        if (input.length() > limit) {
            sb.append("...");
        }
        return sb.append('\'').toString();
    }
}
