package org.twgate.dsn.report;

/**
 * An RFC 3464 §2.3.6 {@code Diagnostic-Code}: a diagnostic type and the text it qualifies,
 * e.g. {@code smtp; 550 5.1.1 unknown user}.
 */
public record Diagnostic(String type, String text) {

    public Diagnostic {
        if (type.isBlank()) {
            throw new IllegalArgumentException("Diagnostic type is empty for text: " + text);
        }
    }

    /** The reply of an SMTP server, as received. */
    public static Diagnostic smtp(String reply) {
        return new Diagnostic("smtp", reply);
    }

    public String fieldValue() {
        return type + "; " + text;
    }
}
