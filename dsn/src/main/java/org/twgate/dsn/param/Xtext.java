package org.twgate.dsn.param;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * RFC 3461 §4 xtext: printable US-ASCII except {@code +} and {@code =} stands for itself,
 * every other octet is {@code +} followed by two upper-case hex digits.
 *
 * <p>Decoding accepts lower-case hex (as Postfix and Sendmail do) but refuses anything else
 * outside the grammar, so a value that decodes is a value we can pass on.
 */
public final class Xtext {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private Xtext() {
    }

    /** Encodes the UTF-8 octets of {@code text} as xtext. */
    public static String encode(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c >= 0x21 && c <= 0x7e && c != '+' && c != '=') {
                sb.append((char) c);
            } else {
                sb.append('+').append(HEX[c >> 4]).append(HEX[c & 0xf]);
            }
        }
        return sb.toString();
    }

    /**
     * Decodes xtext to the octets it stands for, read as UTF-8.
     *
     * @param what names the parameter in the error, e.g. "ENVID"
     */
    public static String decode(String xtext, String what) throws SmtpArgumentException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(xtext.length());
        for (int i = 0; i < xtext.length(); i++) {
            char c = xtext.charAt(i);
            if (c == '+') {
                if (i + 2 >= xtext.length()) {
                    throw SmtpArgumentException.badParameter("Bad xtext in " + what + " at "
                            + (i + 1) + ": '+' needs two hex digits in " + quoteOf(xtext));
                }
                int hi = hexValue(xtext.charAt(i + 1));
                int lo = hexValue(xtext.charAt(i + 2));
                if (hi < 0 || lo < 0) {
                    throw SmtpArgumentException.badParameter("Bad xtext in " + what + " at "
                            + (i + 1) + ": '+' needs two hex digits in " + quoteOf(xtext));
                }
                out.write(hi << 4 | lo);
                i += 2;
            } else if (c >= 0x21 && c <= 0x7e && c != '=') {
                out.write(c);
            } else {
                throw SmtpArgumentException.badParameter("Bad xtext in " + what + " at "
                        + (i + 1) + ": character not allowed in " + quoteOf(xtext));
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** ASCII hex only: Character.digit would also take Unicode digits. */
    static int hexValue(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        return -1;
    }

    private static String quoteOf(String s) {
        return SmtpArgumentException.quote(s);
    }
}
