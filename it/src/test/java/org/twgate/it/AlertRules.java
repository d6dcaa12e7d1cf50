package org.twgate.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.Yaml;

/** The alerting rules of a Prometheus rule file: name, expression, for, annotations. */
record AlertRules(List<Rule> rules) {
    record Rule(String alert, String expr, String forDuration, Map<String, String> labels,
            Map<String, String> annotations) {
    }

    @SuppressWarnings("unchecked")
    static AlertRules read(Path file) throws IOException {
        Map<String, Object> doc = new Yaml().load(Files.readString(file));
        List<Rule> out = new ArrayList<>();
        for (Map<String, Object> group : (List<Map<String, Object>>) doc.get("groups")) {
            for (Map<String, Object> rule : (List<Map<String, Object>>) group.get("rules")) {
                if (rule.containsKey("alert")) {
                    out.add(new Rule((String) rule.get("alert"), String.valueOf(rule.get("expr")).strip(),
                            (String) rule.get("for"), (Map<String, String>) rule.getOrDefault("labels", Map.of()),
                            (Map<String, String>) rule.getOrDefault("annotations", Map.of())));
                }
            }
        }
        return new AlertRules(out);
    }

    /**
     * The expression with every comparison made a {@code bool} one: where the alert's filters
     * keep only the series past a threshold, this keeps every series with 0 or 1. So it returns
     * a series exactly when the metrics, labels and joins it uses exist, whatever the values.
     * Label matchers ({@code {a!="b"}}) and strings are left alone.
     */
    static String withoutThresholds(String expr) {
        StringBuilder out = new StringBuilder();
        int braces = 0;
        char quote = 0;
        for (int i = 0; i < expr.length(); i++) {
            char c = expr.charAt(i);
            if (quote != 0) {
                out.append(c);
                if (c == '\\' && i + 1 < expr.length()) {
                    out.append(expr.charAt(++i));
                } else if (c == quote) {
                    quote = 0;
                }
                continue;
            }
            if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '{') {
                braces++;
            } else if (c == '}') {
                braces--;
            }
            out.append(c);
            boolean comparison = braces == 0 && (c == '>' || c == '<'
                    || ((c == '=' || c == '!') && i + 1 < expr.length() && expr.charAt(i + 1) == '='));
            if (comparison) {
                if (i + 1 < expr.length() && expr.charAt(i + 1) == '=') {
                    out.append(expr.charAt(++i));
                }
                if (!expr.substring(i + 1).stripLeading().startsWith("bool")) {
                    out.append(" bool");
                }
            }
        }
        return out.toString();
    }
}
