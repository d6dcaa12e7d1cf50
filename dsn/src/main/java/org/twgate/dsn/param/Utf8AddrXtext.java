package org.twgate.dsn.param;

/**
 * RFC 6533 §3 {@code utf-8-addr-xtext} / {@code utf-8-addr-unitext}: the address form of the
 * {@code utf-8} ORCPT address type. Printable ASCII except {@code +}, {@code =} and
 * {@code \} stands for itself; anything else is written {@code \x{HEX}} with the code point.
 * The unitext form also lets non-ASCII characters stand for themselves.
 */
public final class Utf8AddrXtext {

    private Utf8AddrXtext() {
    }

    /** Encodes to the all-ASCII xtext form, fit for an SMTP command or a delivery-status part. */
    public static String encode(String address) {
        StringBuilder sb = new StringBuilder(address.length());
        address.codePoints().forEach(cp -> {
            if (cp >= 0x21 && cp <= 0x7e && cp != '+' && cp != '=' && cp != '\\') {
                sb.append((char) cp);
            } else {
                sb.append("\\x{").append(String.format("%02X", cp)).append('}');
            }
        });
        return sb.toString();
    }

    /** Decodes either form; {@code what} names the parameter in the error. */
    public static String decode(String text, String what) throws SmtpArgumentException {
        StringBuilder sb = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            int cp = text.codePointAt(i);
            if (cp == '\\') {
                int close = text.indexOf('}', i);
                if (!text.startsWith("\\x{", i) || close < 0 || close - i - 3 < 1 || close - i - 3 > 6) {
                    throw SmtpArgumentException.badParameter("Bad utf-8 address escape in " + what
                            + " at " + (i + 1) + ": " + SmtpArgumentException.quote(text));
                }
                int value = 0;
                for (int j = i + 3; j < close; j++) {
                    int h = Xtext.hexValue(text.charAt(j));
                    if (h < 0) {
                        throw SmtpArgumentException.badParameter("Bad hex in utf-8 address escape in "
                                + what + " at " + (j + 1) + ": " + SmtpArgumentException.quote(text));
                    }
                    value = value << 4 | h;
                }
                if (!Character.isValidCodePoint(value)) {
                    throw SmtpArgumentException.badParameter("Escape outside Unicode in " + what
                            + ": " + SmtpArgumentException.quote(text));
                }
                sb.appendCodePoint(value);
                i = close + 1;
            } else if ((cp >= 0x21 && cp <= 0x7e && cp != '+' && cp != '=') || cp >= 0x80) {
                sb.appendCodePoint(cp);
                i += Character.charCount(cp);
            } else {
                throw SmtpArgumentException.badParameter("Character not allowed in utf-8 address of "
                        + what + " at " + (i + 1) + ": " + SmtpArgumentException.quote(text));
            }
        }
        return sb.toString();
    }
}
