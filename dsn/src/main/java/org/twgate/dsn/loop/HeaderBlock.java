package org.twgate.dsn.loop;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The unfolded header fields of a message, read up to the blank line that ends them.
 *
 * <p>Reading stops at {@link #MAX_BYTES}: a header block larger than that is treated as
 * ending there, so a hostile message cannot make us buffer its body. Bytes are read as
 * UTF-8 (RFC 6532); malformed lines without a colon are skipped.
 */
public final class HeaderBlock {

    /** Enough for any real header block; Postfix's header_size_limit is 100 KiB. */
    public static final int MAX_BYTES = 1024 * 1024;

    /** One field, name as written, value unfolded and trimmed. */
    public record Field(String name, String value) {
    }

    private final List<Field> fields;

    private HeaderBlock(List<Field> fields) {
        this.fields = List.copyOf(fields);
    }

    /** Reads the header block from the start of {@code message}, leaving the stream after it. */
    public static HeaderBlock read(InputStream message) throws IOException {
        ByteArrayOutputStream block = new ByteArrayOutputStream(4096);
        int b;
        int lineLength = 0;
        while (block.size() < MAX_BYTES && (b = message.read()) != -1) {
            if (b == '\n') {
                if (lineLength == 0) {
                    break;
                }
                lineLength = 0;
            } else if (b != '\r') {
                lineLength++;
            }
            block.write(b);
        }
        return parse(block.toString(StandardCharsets.UTF_8));
    }

    /**
     * The value of the first field named {@code name} (compared case-insensitively), as
     * {@code read(message).first(name)} gives it, but reading only as far as the end of that field
     * (its continuation lines included): the rest of the header block is neither buffered nor
     * parsed. Leaves the stream somewhere after the field.
     */
    public static Optional<String> readFirst(InputStream message, String name) throws IOException {
        ByteArrayOutputStream block = new ByteArrayOutputStream(1024);
        StringBuilder fieldName = new StringBuilder(); // the current line up to its first colon
        boolean colon = false;
        boolean found = false;
        boolean continuation = false;
        int b;
        int lineLength = 0;
        while (block.size() < MAX_BYTES && (b = message.read()) != -1) {
            if (found && lineLength == 0 && b != ' ' && b != '\t') {
                break; // the field and its continuation lines are complete
            }
            if (b == '\n') {
                if (lineLength == 0) {
                    break;
                }
                // A continuation line (starting with a space or a tab) never starts a field.
                found |= colon && !continuation && fieldName.toString().strip().equalsIgnoreCase(name);
                lineLength = 0;
                fieldName.setLength(0);
                colon = false;
            } else if (b != '\r') {
                if (lineLength == 0) {
                    continuation = b == ' ' || b == '\t';
                }
                if (!colon && b == ':') {
                    colon = true;
                } else if (!colon && fieldName.length() <= name.length() + 16) {
                    fieldName.append((char) b);
                }
                lineLength++;
            }
            block.write(b);
        }
        return parse(block.toString(StandardCharsets.UTF_8)).first(name);
    }

    /** Parses a header block given as text. */
    public static HeaderBlock parse(String text) {
        List<Field> fields = new ArrayList<>();
        StringBuilder current = null;
        // Lines end in CRLF, LF or a lone CR. Split by hand: a regex split per message cost more
        // than the rest of this parse (profile of issue 13, bench/profile).
        int at = 0;
        while (at < text.length()) {
            int end = at;
            while (end < text.length() && text.charAt(end) != '\r' && text.charAt(end) != '\n') {
                end++;
            }
            String line = text.substring(at, end);
            at = end < text.length() && text.charAt(end) == '\r' && end + 1 < text.length()
                    && text.charAt(end + 1) == '\n' ? end + 2 : end + 1;
            if (line.isEmpty()) {
                break;
            }
            if ((line.charAt(0) == ' ' || line.charAt(0) == '\t') && current != null) {
                current.append(' ').append(line.strip());
                continue;
            }
            add(fields, current);
            current = new StringBuilder(line);
        }
        add(fields, current);
        return new HeaderBlock(fields);
    }

    private static void add(List<Field> fields, StringBuilder raw) {
        if (raw == null) {
            return;
        }
        int colon = raw.indexOf(":");
        if (colon > 0) {
            fields.add(new Field(raw.substring(0, colon).strip(), raw.substring(colon + 1).strip()));
        }
    }

    public List<Field> fields() {
        return fields;
    }

    /** The value of the first field of that name, compared case-insensitively. */
    public Optional<String> first(String name) {
        String wanted = name.toLowerCase(Locale.ROOT);
        return fields.stream().filter(f -> f.name().toLowerCase(Locale.ROOT).equals(wanted))
                .map(Field::value).findFirst();
    }
}
