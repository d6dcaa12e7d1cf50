package org.twgate.gateway.deliver;

import org.twgate.dsn.loop.HeaderBlock;
import org.twgate.rewrite.header.HeaderBlockReader;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The header section of a stored message as a list of raw fields, each with its folded
 * continuation lines and line endings exactly as stored, so that an untouched field is
 * written back byte for byte.
 *
 * <p>Fields are held as ISO-8859-1 strings: one char per octet, so 8-bit header bytes
 * survive unchanged whatever their real charset is. Immutable; transforms return new sections.
 *
 * <p>Not the dsn module's {@code HeaderBlock}, which reads fields unfolded and decoded (UTF-8)
 * to inspect a message (is it a report?); this one is for writing a message out changed only
 * where a transform changed it.
 */
public final class HeaderSection {

    private final List<String> fields;
    private final String separator;

    private HeaderSection(List<String> fields, String separator) {
        this.fields = List.copyOf(fields);
        this.separator = separator;
    }

    /** A block from raw fields (each ending in CRLF) followed by an empty line. */
    public static HeaderSection of(List<String> rawFields) {
        return new HeaderSection(rawFields, "\r\n");
    }

    /**
     * Reads the header section up to and including the first empty line, leaving
     * {@code in} positioned on the first body octet.
     *
     * @param maxBytes the most octets the header section may take
     * @throws org.twgate.rewrite.header.HeaderTooLargeException when no empty line comes within {@code maxBytes}
     */
    public static HeaderSection read(InputStream in, int maxBytes) throws IOException {
        return parse(HeaderBlockReader.read(in, maxBytes));
    }

    /**
     * Splits a header section (as {@link HeaderBlockReader} reads it: up to and including the
     * empty line, or to the end when the message has no body) into fields with their folded
     * continuation lines.
     */
    static HeaderSection parse(byte[] section) {
        String text = new String(section, StandardCharsets.ISO_8859_1);
        List<String> fields = new ArrayList<>();
        StringBuilder field = null;
        int at = 0;
        while (at < text.length()) {
            int lf = text.indexOf('\n', at);
            String line = lf < 0 ? text.substring(at) : text.substring(at, lf + 1);
            at += line.length();
            if (line.equals("\r\n") || line.equals("\n")) {
                if (field != null) {
                    fields.add(field.toString());
                }
                return new HeaderSection(fields, line);
            }
            boolean continuation = line.charAt(0) == ' ' || line.charAt(0) == '\t';
            if (field != null && !continuation) {
                fields.add(field.toString());
                field = null;
            }
            field = field == null ? new StringBuilder(line) : field.append(line);
        }
        if (field != null) {
            fields.add(field.toString()); // the message ends inside the headers, without an empty line
        }
        return new HeaderSection(fields, "");
    }

    /** The raw fields in order, each with its continuation lines and line ending. */
    public List<String> fields() {
        return fields;
    }

    /**
     * The value of the first field named {@code name} (case-insensitive), unfolded and trimmed
     * as {@link HeaderBlock#first} gives it, its octets read as UTF-8 as {@link HeaderBlock#readFirst} does.
     */
    public Optional<String> first(String name) {
        for (String field : fields) {
            if (nameOf(field).equalsIgnoreCase(name)) {
                String text = new String(field.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
                return HeaderBlock.parse(text).first(name);
            }
        }
        return Optional.empty();
    }

    /** The name of a raw field (text before the colon), or "" when it has none. */
    public static String nameOf(String rawField) {
        int colon = rawField.indexOf(':');
        return colon < 0 ? "" : rawField.substring(0, colon).strip();
    }

    /** This block without every field named {@code name} (case-insensitive). */
    public HeaderSection without(String name) {
        String wanted = name.toLowerCase(Locale.ROOT);
        return filter(f -> !nameOf(f).toLowerCase(Locale.ROOT).equals(wanted));
    }

    /** This block keeping only the fields {@code keep} accepts. */
    public HeaderSection filter(Predicate<String> keep) {
        return new HeaderSection(fields.stream().filter(keep).toList(), separator);
    }

    /** This block with {@code rawField} (ending in CRLF) in front of all others. */
    public HeaderSection prepend(String rawField) {
        if (!rawField.endsWith("\r\n")) {
            throw new IllegalArgumentException("header field must end in CRLF: '" + rawField + "'");
        }
        List<String> all = new ArrayList<>(fields.size() + 1);
        all.add(rawField);
        all.addAll(fields);
        return new HeaderSection(all, separator);
    }

    /** The octets of the header section, fields then the empty line (if the message had one). */
    public byte[] toBytes() {
        StringBuilder all = new StringBuilder();
        fields.forEach(all::append);
        all.append(separator);
        return all.toString().getBytes(StandardCharsets.ISO_8859_1);
    }
}
