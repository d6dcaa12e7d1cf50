package org.twgate.config.syntax;

/**
 * A value that does not parse. The message quotes it ("not a size: 'abc'"); the caller
 * prefixes where it came from.
 */
public final class BadValue extends Exception {

    private static final long serialVersionUID = 1L;

    public BadValue(String message) {
        super(message, null, false, false);
    }

    /** {@code what: 'text'}, with the text quoted as given. */
    public static BadValue of(String what, String text) {
        return new BadValue(what + ": '" + text + "'");
    }
}
