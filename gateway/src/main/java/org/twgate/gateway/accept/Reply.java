package org.twgate.gateway.accept;

import org.apache.james.protocols.smtp.SMTPResponse;

/**
 * A reply twgate's SMTP server sends: basic code, enhanced status code (RFC 3463), text.
 * Every refusal the server makes is one of these, so the wording lives in one place per cause.
 */
public record Reply(int code, String status, String text) {
    public Reply {
        if (code < 200 || code > 599) {
            throw new IllegalArgumentException("not an SMTP reply code: " + code);
        }
        if (text.indexOf('\r') >= 0 || text.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("line break in reply text: '" + text + "'");
        }
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
