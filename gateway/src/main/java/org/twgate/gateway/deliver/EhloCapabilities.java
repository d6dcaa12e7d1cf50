package org.twgate.gateway.deliver;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The service extensions a server advertised in its EHLO reply (RFC 5321 §4.1.1.1): keyword
 * in upper case mapped to its parameters. A HELO session advertises nothing.
 */
public record EhloCapabilities(boolean extended, Map<String, String> keywords) {

    public static final EhloCapabilities HELO = new EhloCapabilities(false, Map.of());

    public EhloCapabilities {
        keywords = Map.copyOf(keywords);
    }

    /** Reads the keywords from every line after the first (the first greets). */
    public static EhloCapabilities parse(SmtpReply ehlo) {
        Map<String, String> keywords = new TreeMap<>();
        var lines = ehlo.lines();
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty()) {
                continue;
            }
            int space = line.indexOf(' ');
            String keyword = (space < 0 ? line : line.substring(0, space)).toUpperCase(Locale.ROOT);
            keywords.put(keyword, space < 0 ? "" : line.substring(space + 1).strip());
        }
        return new EhloCapabilities(true, keywords);
    }

    public boolean has(String keyword) {
        return keywords.containsKey(keyword.toUpperCase(Locale.ROOT));
    }

    public boolean pipelining() {
        return has("PIPELINING");
    }

    public boolean dsn() {
        return has("DSN");
    }

    public boolean eightBitMime() {
        return has("8BITMIME");
    }

    public boolean smtpUtf8() {
        return has("SMTPUTF8");
    }

    public boolean size() {
        return has("SIZE");
    }

    /** The SIZE limit in octets, or 0 when none was given (or it was not a number). */
    public long sizeLimit() {
        String value = keywords.get("SIZE");
        if (value == null || value.isEmpty()) {
            return 0;
        }
        try {
            return Math.max(0, Long.parseLong(value));
        } catch (NumberFormatException notANumber) {
            return 0;
        }
    }
}
