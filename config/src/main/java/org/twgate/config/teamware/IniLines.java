package org.twgate.config.teamware;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.twgate.config.Source;

/**
 * The line structure of Teamware's ini files: {@code [Section]} headers, {@code key = value}
 * lines, {@code ;} and {@code #} comment lines. Keys and section names compare without
 * case; values keep theirs. Lines of one section are handed on with their line numbers.
 */
final class IniLines {

    /**
     * A {@code key = value} line; key lower-cased, value trimmed. A line of the wanted
     * section that is not {@code key = value} has a {@code null} key and the line as value.
     */
    record Setting(String section, String key, String value, Source source) {
    }

    private IniLines() {
    }

    /**
     * All settings of {@code wantedSection} (every section when {@code null}), in order.
     */
    static List<Setting> read(String file, List<String> lines, String wantedSection) {
        List<Setting> settings = new ArrayList<>();
        String section = "";
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            Source source = new Source(file, i + 1);
            if (line.isEmpty() || line.startsWith(";") || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("[") && line.endsWith("]")) {
                section = line.substring(1, line.length() - 1).strip().toLowerCase(Locale.ROOT);
                continue;
            }
            boolean wanted = wantedSection == null || wantedSection.equals(section);
            int eq = line.indexOf('=');
            if (eq <= 0) {
                if (wanted) {
                    settings.add(new Setting(section, null, line, source));
                }
                continue;
            }
            if (wanted) {
                settings.add(new Setting(section, line.substring(0, eq).strip().toLowerCase(Locale.ROOT),
                        line.substring(eq + 1).strip(), source));
            }
        }
        return settings;
    }
}
