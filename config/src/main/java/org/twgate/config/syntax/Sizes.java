package org.twgate.config.syntax;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sizes in octets: a bare integer, or with a binary suffix {@code k}/{@code KiB},
 * {@code M}/{@code MiB}, {@code G}/{@code GiB} (all powers of 1024; mail limits are
 * traditionally binary, and "10M" meaning 10,000,000 would surprise nobody less).
 */
public final class Sizes {

    private static final Pattern FORM = Pattern.compile("(\\d{1,15})\\s*([a-zA-Z]*)");

    private Sizes() {
    }

    public static long parse(String text) throws BadValue {
        Matcher m = FORM.matcher(text.trim());
        if (!m.matches()) {
            throw BadValue.of("not a size", text);
        }
        long n = Long.parseLong(m.group(1));
        long unit = switch (m.group(2).toLowerCase(Locale.ROOT)) {
            case "" -> 1L;
            case "k", "kib" -> 1024L;
            case "m", "mib" -> 1024L * 1024;
            case "g", "gib" -> 1024L * 1024 * 1024;
            default -> throw BadValue.of("not a size", text);
        };
        try {
            return Math.multiplyExact(n, unit);
        } catch (ArithmeticException e) {
            throw BadValue.of("size too large", text);
        }
    }

    /** The shortest exact form: {@code 50M}, {@code 512k}, {@code 1000}. */
    public static String format(long octets) {
        if (octets != 0 && octets % (1024L * 1024 * 1024) == 0) {
            return octets / (1024L * 1024 * 1024) + "G";
        }
        if (octets != 0 && octets % (1024L * 1024) == 0) {
            return octets / (1024L * 1024) + "M";
        }
        if (octets != 0 && octets % 1024 == 0) {
            return octets / 1024 + "k";
        }
        return Long.toString(octets);
    }
}
