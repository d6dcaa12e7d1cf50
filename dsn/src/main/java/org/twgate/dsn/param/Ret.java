package org.twgate.dsn.param;

import java.util.Locale;

/** The RFC 3461 §4.3 {@code RET} parameter: return the full message or its headers only. */
public enum Ret {
    FULL, HDRS;

    public static Ret parse(String value) throws SmtpArgumentException {
        String v = value.toUpperCase(Locale.ROOT);
        if (v.equals("FULL")) {
            return FULL;
        }
        if (v.equals("HDRS")) {
            return HDRS;
        }
        throw SmtpArgumentException.badParameter("RET must be FULL or HDRS, not "
                + SmtpArgumentException.quote(value));
    }
}
