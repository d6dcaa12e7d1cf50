package org.twgate.dsn.param;

/**
 * The RFC 3461 §4.4 {@code ENVID}: the sender's identifier for the transaction.
 *
 * @param value          the decoded identifier, as the report's Original-Envelope-Id shows it
 * @param parameterValue the xtext as received, passed on unchanged to a DSN-aware next hop
 */
public record EnvelopeId(String value, String parameterValue) {

    /** RFC 3461 §4.4: the ENVID parameter value must not exceed 100 characters. */
    public static final int MAX_LENGTH = 100;

    /** Parses the xtext value of an ENVID parameter. */
    public static EnvelopeId parse(String xtext) throws SmtpArgumentException {
        if (xtext.isEmpty()) {
            throw SmtpArgumentException.badParameter("ENVID needs a value");
        }
        if (xtext.length() > MAX_LENGTH) {
            throw SmtpArgumentException.badParameter("ENVID longer than " + MAX_LENGTH
                    + " characters (" + xtext.length() + "): " + SmtpArgumentException.quote(xtext));
        }
        String decoded = Xtext.decode(xtext, "ENVID");
        if (decoded.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw SmtpArgumentException.badParameter("ENVID decodes to a control character: "
                    + SmtpArgumentException.quote(xtext));
        }
        return new EnvelopeId(decoded, xtext);
    }

    /** An envelope id of the gateway's own making, e.g. a queue id. */
    public static EnvelopeId of(String value) {
        String xtext = Xtext.encode(value);
        if (xtext.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("ENVID longer than " + MAX_LENGTH + ": " + value);
        }
        return new EnvelopeId(value, xtext);
    }
}
