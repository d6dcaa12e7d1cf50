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

    /** Parses a header block given as text. */
    public static HeaderBlock parse(String text) {
        List<Field> fields = new ArrayList<>();
        StringBuilder current = null;
        for (String line : text.split("\r\n|\n|\r")) {
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
