package org.twgate.rewrite.rule;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The little rule language of the golden files, one directive per line ({@code #} starts a
 * comment):
 * <pre>
 * rule ID exact ADDRESS => TEMPLATE
 * rule ID local A,B,C [DOMAIN-PATTERN] => TEMPLATE
 * rule ID prefix P [DOMAIN-PATTERN] => TEMPLATE
 * rule ID suffix S [DOMAIN-PATTERN] => TEMPLATE
 * rule ID domain DOMAIN-PATTERN => TEMPLATE
 * alias ID FROM-DOMAIN TO-DOMAIN           (Teamware own_node = A:alias)
 * </pre>
 * Other lines are handed back to the caller with their line numbers.
 */
public final class GoldenRules {
    /** Where a rule came from, as a config loader would say it. */
    public record Source(String file, int line) {
        @Override
        public String toString() {
            return file + ":" + line;
        }
    }

    /** A line that is not a rule directive. */
    public record Line(int number, String text) {
    }

    private GoldenRules() {
    }

    /** Adds the rule lines to {@code builder} and returns the other non-blank lines. */
    public static List<Line> load(String file, List<String> lines, RuleSet.Builder builder) {
        List<Line> rest = new ArrayList<>();
        for (int n = 0; n < lines.size(); n++) {
            String line = lines.get(n);
            String text = line.startsWith("#") ? "" : line.strip();
            if (text.isEmpty()) {
                continue;
            }
            Source source = new Source(file, n + 1);
            String[] w = text.split("\\s+");
            if (w[0].equals("alias")) {
                builder.add(RuleSpec.domainAlias(w[1], w[2], w[3]), source);
            } else if (w[0].equals("rule")) {
                int arrow = text.indexOf("=>");
                String template = text.substring(arrow + 2).strip();
                String[] m = text.substring(0, arrow).strip().split("\\s+");
                String domain = m.length > 4 ? m[4] : null;
                Match match = switch (m[2]) {
                    case "exact" -> Match.exact(m[3]);
                    case "local" -> Match.localParts(Arrays.asList(m[3].split(",")), domain);
                    case "prefix" -> Match.prefix(m[3], domain);
                    case "suffix" -> Match.suffix(m[3], domain);
                    case "domain" -> Match.domain(m[3]);
                    default -> throw new IllegalArgumentException(source + ": unknown match " + m[2]);
                };
                builder.add(new RuleSpec(m[1], match, template), source);
            } else {
                rest.add(new Line(n + 1, text));
            }
        }
        return rest;
    }
}
