package org.twgate.config.teamware;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.twgate.config.ConfigException;
import org.twgate.config.Problem;
import org.twgate.config.policy.DomainSyntax;

/**
 * Reads the {@code own_node} lines of Teamware's {@code tombsmtp.ini}, in whatever section
 * they stand: {@code own_node = company.com} (a base address) and
 * {@code own_node = A:tw.company.com} (an alias of the base addresses). Every other
 * line is Teamware's business and ignored.
 */
public final class TombSmtpIni {

    private TombSmtpIni() {
    }

    public static OwnNodes parse(String file, List<String> lines) throws ConfigException {
        List<Problem> errors = new ArrayList<>();
        List<String> base = new ArrayList<>();
        List<String> aliases = new ArrayList<>();
        for (IniLines.Setting s : IniLines.read(file, lines, null)) {
            if (!"own_node".equals(s.key())) {
                continue;
            }
            String value = s.value();
            boolean alias = value.length() > 2 && value.charAt(1) == ':';
            if (alias && Character.toUpperCase(value.charAt(0)) != 'A') {
                errors.add(Problem.at(s.source(), "own_node: unknown type '" + value.charAt(0)
                        + ":' (only A: for an alias is known): '" + value + "'"));
                continue;
            }
            String domain = alias ? value.substring(2).strip() : value;
            if (DomainSyntax.check(domain) != null || domain.startsWith(".") || domain.startsWith("[")) {
                errors.add(Problem.at(s.source(), "own_node: not a domain: '" + value + "'"));
                continue;
            }
            (alias ? aliases : base).add(domain.toLowerCase(Locale.ROOT));
        }
        if (!errors.isEmpty()) {
            throw new ConfigException(errors);
        }
        return new OwnNodes(base, aliases);
    }
}
