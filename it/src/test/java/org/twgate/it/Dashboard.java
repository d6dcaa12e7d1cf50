package org.twgate.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The PromQL queries of a Grafana dashboard JSON, and the metric names and grouping labels they use. */
record Dashboard(List<String> expressions) {
    private static final Pattern EXPR = Pattern.compile("\"expr\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Pattern METRIC = Pattern.compile("\\b((?:twgate|jvm|process|system)_[a-zA-Z0-9_]*)\\b");
    private static final Pattern BY = Pattern.compile("\\bby\\s*\\(([^)]*)\\)");

    static Dashboard read(Path json) throws IOException {
        List<String> out = new ArrayList<>();
        Matcher m = EXPR.matcher(Files.readString(json));
        while (m.find()) {
            out.add(m.group(1).replace("\\\"", "\"").replace("\\\\", "\\"));
        }
        return new Dashboard(out);
    }

    /** Metric names in one expression; label matchers and range selectors are not names. */
    static Set<String> metrics(String expr) {
        String bare = expr.replaceAll("\\{[^}]*}", "").replaceAll("\\[[^]]*]", "");
        Set<String> names = new LinkedHashSet<>();
        Matcher m = METRIC.matcher(bare);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /** Labels an expression groups by ({@code sum by (route, outcome)}), without {@code le}. */
    static Set<String> groupingLabels(String expr) {
        Set<String> labels = new LinkedHashSet<>();
        Matcher m = BY.matcher(expr);
        while (m.find()) {
            for (String label : m.group(1).split(",")) {
                if (!label.isBlank() && !label.strip().equals("le")) {
                    labels.add(label.strip());
                }
            }
        }
        return labels;
    }
}
