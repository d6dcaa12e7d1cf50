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
        return fromValues(values(file, lines));
    }

    /** The {@code own_node} values in file order, each with its line. */
    public static List<Value> values(String file, List<String> lines) {
        List<Value> values = new ArrayList<>();
        for (IniLines.Setting s : IniLines.read(file, lines, null)) {
            if ("own_node".equals(s.key())) {
                values.add(new Value(s.value(), s.source()));
            }
        }
        return values;
    }

    /** One {@code own_node} value ({@code company.com} or {@code A:tw.company.com}) and where it was written. */
    public record Value(String text, org.twgate.config.Source source) {
    }

    /** The own nodes of {@code own_node} values as tombsmtp.ini writes them (also {@code teamware.own_node} in YAML). */
    public static OwnNodes fromValues(List<Value> values) throws ConfigException {
        List<Problem> errors = new ArrayList<>();
        List<String> base = new ArrayList<>();
        List<String> aliases = new ArrayList<>();
        for (Value s : values) {
            String value = s.text().strip();
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
