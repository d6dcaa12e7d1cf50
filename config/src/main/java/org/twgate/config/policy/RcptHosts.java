package org.twgate.config.policy;

import java.util.ArrayList;
import java.util.List;
import org.twgate.config.ConfigException;
import org.twgate.config.Problem;
import org.twgate.config.Source;

/**
 * Reads a qmail {@code rcpthosts} file the way qmail's control files are read: one entry
 * per line, trailing white space dropped, blank lines and {@code #} lines ignored. An
 * entry with white space or an {@code @} inside is an error naming {@code file:line}.
 */
public final class RcptHosts {

    private RcptHosts() {
    }

    public static List<String> parse(String file, List<String> lines) throws ConfigException {
        List<String> domains = new ArrayList<>();
        List<Problem> errors = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).stripTrailing();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String checked = DomainSyntax.check(line.strip());
            if (checked != null) {
                errors.add(Problem.at(new Source(file, i + 1), checked));
            } else {
                domains.add(line.strip());
            }
        }
        if (!errors.isEmpty()) {
            throw new ConfigException(errors);
        }
        return domains;
    }
}
