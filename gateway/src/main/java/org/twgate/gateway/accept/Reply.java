package org.twgate.gateway.accept;

import org.apache.james.protocols.smtp.SMTPResponse;

/**
 * A reply twgate's SMTP server sends: basic code, enhanced status code (RFC 3463), text.
 * Every refusal the server makes is one of these, so the wording lives in one place per cause.
 * The text quotes what the client sent, so anything in it that is not printable US-ASCII is
 * written as {@code \xHH} (a line break, a NUL, each octet of UTF-8): a reply is always one clean line.
 */
public record Reply(int code, String status, String text) {
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

    public static Reply of(int code, String status, String text) {
        return new Reply(code, status, text);
    }

    SMTPResponse toResponse() {
        return new SMTPResponse(Integer.toString(code), status == null ? text : status + " " + text);
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
