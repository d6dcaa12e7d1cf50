package org.twgate.config.policy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.twgate.config.ConfigException;
import org.twgate.config.Problem;
import org.twgate.config.Source;
import org.twgate.config.syntax.BadValue;

/**
 * Reads a tcp.smtp rules file as tcprules(1) does: one rule per line,
 * {@code address:instructions}, instructions {@code allow}, {@code deny} and
 * {@code VAR="value"} separated by commas; {@code #} starts a comment line.
 *
 * <p>Rules on host names ({@code =host}) and on remote info ({@code user@address}) need
 * reverse DNS or ident, which twgate does not do: they are kept out and reported as
 * warnings, never silently dropped. A malformed line is an error naming {@code file:line}.
 */
public final class TcpRules {

    /** The rules that apply, and the lines that were read but cannot apply. */
    public record Parsed(List<ClientRule> rules, List<Problem> warnings) {
        public Parsed {
            rules = List.copyOf(rules);
            warnings = List.copyOf(warnings);
        }
    }

    private TcpRules() {
    }

    public static Parsed parse(String file, List<String> lines) throws ConfigException {
        List<ClientRule> rules = new ArrayList<>();
        List<Problem> warnings = new ArrayList<>();
        List<Problem> errors = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            Source source = new Source(file, i + 1);
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            try {
                ClientRule rule = parseLine(line, source, warnings);
                if (rule != null) {
                    rules.add(rule);
                }
            } catch (BadValue e) {
                errors.add(Problem.at(source, e.getMessage()));
            }
        }
        if (!errors.isEmpty()) {
            throw new ConfigException(errors);
        }
        return new Parsed(rules, warnings);
    }

    private static ClientRule parseLine(String line, Source source, List<Problem> warnings) throws BadValue {
        if (line.startsWith("=") || line.substring(0, Math.max(0, line.indexOf(':'))).contains("@")) {
            if (line.indexOf(':') < 0) {
                throw BadValue.of("not a tcprules line (address:instructions)", line);
            }
            warnings.add(Problem.at(source, "ignored: rules on host names or remote info need reverse DNS"
                    + " or ident, which twgate does not do: '" + line + "'"));
            return null;
        }
        // An IPv6 address contains colons too: the address ends at the first colon after
        // which the rest reads as instructions.
        BadValue first = null;
        for (int colon = line.indexOf(':'); colon >= 0; colon = line.indexOf(':', colon + 1)) {
            String rest = line.substring(colon + 1);
            if (!looksLikeInstructions(rest)) {
                continue;
            }
            try {
                AddressPattern pattern = AddressPatterns.tcpRule(line.substring(0, colon));
                return instructions(pattern, rest, line, source, warnings);
            } catch (BadValue e) {
                if (first == null) {
                    first = e;
                }
            }
        }
        throw first != null ? first : BadValue.of("not a tcprules line (address:allow or address:deny)", line);
    }

    private static boolean looksLikeInstructions(String rest) {
        return rest.startsWith("allow") || rest.startsWith("deny") || rest.matches("[A-Za-z_][A-Za-z0-9_]*=.*");
    }

    private static ClientRule instructions(AddressPattern pattern, String text, String line, Source source,
                                           List<Problem> warnings) throws BadValue {
        Boolean allow = null;
        Map<String, String> variables = new LinkedHashMap<>();
        int i = 0;
        while (i < text.length()) {
            int end = text.indexOf(',', i);
            String word = text.substring(i, end < 0 ? text.length() : end);
            if (word.equals("allow") || word.equals("deny")) {
                if (allow != null) {
                    throw BadValue.of("more than one allow/deny in rule", line);
                }
                allow = word.equals("allow");
                i = end < 0 ? text.length() : end + 1;
                continue;
            }
            int eq = word.indexOf('=');
            if (eq <= 0 || !word.substring(0, eq).matches("[A-Za-z_][A-Za-z0-9_]*")) {
                throw BadValue.of("unknown instruction '" + word + "' (expected allow, deny or VAR=\"value\") in", line);
            }
            String name = word.substring(0, eq);
            int valueStart = i + eq + 1;
            String value;
            if (valueStart < text.length() && (text.charAt(valueStart) == '"' || text.charAt(valueStart) == '\'')) {
                char quote = text.charAt(valueStart);
                int close = text.indexOf(quote, valueStart + 1);
                if (close < 0) {
                    throw BadValue.of("unterminated " + quote + " in", line);
                }
                value = text.substring(valueStart + 1, close);
                i = close + 1;
                if (i < text.length() && text.charAt(i) != ',') {
                    throw BadValue.of("text after closing " + quote + " in", line);
                }
                i++;
            } else {
                value = text.substring(valueStart, end < 0 ? text.length() : end);
                i = end < 0 ? text.length() : end + 1;
            }
            variables.put(name, value);
        }
        boolean allowed = allow == null || allow;
        boolean relay = variables.containsKey("RELAYCLIENT");
        if (relay && !variables.get("RELAYCLIENT").isEmpty()) {
            warnings.add(Problem.at(source, "RELAYCLIENT value '" + variables.get("RELAYCLIENT")
                    + "' is not appended to recipients as qmail-smtpd would; only relaying is granted"));
        }
        return new ClientRule(pattern, allowed, relay, variables, line, source);
    }
}
