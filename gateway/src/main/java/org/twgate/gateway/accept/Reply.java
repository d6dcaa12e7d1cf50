package org.twgate.gateway.accept;

import org.apache.james.protocols.smtp.SMTPResponse;

/**
 * A reply twgate's SMTP server sends: basic code, enhanced status code (RFC 3463), text, and for
 * a refusal the {@link RefusalReason} that caused it. The reason is named where the refusal is
 * decided ({@link #refusal}), so the log line and the metric never have to guess it from the text.
 * Every refusal the server makes is one of these, so the wording lives in one place per cause.
 * The text quotes what the client sent, so anything in it that is not printable US-ASCII is
 * written as {@code \xHH} (a line break, a NUL, each octet of UTF-8): a reply is always one clean line.
 */
public record Reply(int code, String status, String text, RefusalReason reason) {
    public Reply {
        if (code < 200 || code > 599) {
            throw new IllegalArgumentException("not an SMTP reply code: " + code);
        }
        text = printable(text);
    }

    /** {@code text} with every character outside printable US-ASCII escaped. */
    static String printable(String text) {
        int i = 0;
        while (i < text.length() && text.charAt(i) >= 0x20 && text.charAt(i) < 0x7f) {
            i++;
        }
        if (i == text.length()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 16).append(text, 0, i);
        for (; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 0x20 && c < 0x7f) {
                out.append(c);
            } else if (c <= 0xff) {
                out.append(String.format("\\x%02X", (int) c));
            } else {
                out.append(String.format("\\u%04X", (int) c));
            }
        }
        return out.toString();
    }

    /** A reply that refuses nothing (or one sent when a session is closed, which has its own cause). */
    public Reply(int code, String status, String text) {
        this(code, status, text, null);
    }

    public static Reply of(int code, String status, String text) {
        return new Reply(code, status, text);
    }

    /** A refusal of a command or a message, with the cause that decided it. */
    public static Reply refusal(RefusalReason reason, int code, String status, String text) {
        return new Reply(code, status, text, java.util.Objects.requireNonNull(reason, "reason"));
    }

    /** For James's chain; a refusal keeps this reply (its reason) in the response, see {@link CommandRefusals}. */
    SMTPResponse toResponse() {
        String line = status == null ? text : status + " " + text;
        return reason == null ? new SMTPResponse(Integer.toString(code), line) : new Refused(this, line);
    }

    /** A response that still knows the reply it came from, so the result handler need not parse it back. */
    static final class Refused extends SMTPResponse {
        private final Reply reply;

        private Refused(Reply reply, String line) {
            super(Integer.toString(reply.code()), line);
            this.reply = reply;
        }

        Reply reply() {
            return reply;
        }
    }

    /** The reply as it goes on the wire, CRLF included. */
    String wire() {
        return code + " " + (status == null ? text : status + " " + text) + "\r\n";
    }

    @Override
    public String toString() {
        return code + " " + (status == null ? text : status + " " + text);
    }
}
