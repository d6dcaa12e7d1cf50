package org.twgate.config.qmail;

import java.util.ArrayList;
import java.util.List;
import org.twgate.config.Source;

/**
 * A qmail control file as qmail's {@code control_readfile} reads it (qmail-control(5)): one
 * value per line, trailing spaces and tabs removed, empty lines and lines starting with
 * {@code #} skipped. Leading white space is part of the value, as in qmail.
 */
public final class ControlFile {

    /** One value and its line. */
    public record Value(String text, Source source) {
    }

    private ControlFile() {
    }

    public static List<Value> read(String file, List<String> lines) {
        List<Value> values = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = stripTrailing(lines.get(i));
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            values.add(new Value(line, new Source(file, i + 1)));
        }
        return values;
    }

    /** qmail strips trailing spaces and tabs only. */
    static String stripTrailing(String line) {
        int end = line.length();
        while (end > 0 && (line.charAt(end - 1) == ' ' || line.charAt(end - 1) == '\t' || line.charAt(end - 1) == '\r')) {
            end--;
        }
        return line.substring(0, end);
    }
}
