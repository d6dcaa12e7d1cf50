package org.twgate.config.rewrite;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.twgate.config.route.Route;
import org.twgate.rewrite.rule.Rule;

/**
 * The {@code rewrite} part of {@code twgate check}: for each route that rewrites, its sets and
 * header mode; then every rule set a route uses, its rules in the order they are tried, each
 * with its file:line. Prints nothing when no route rewrites.
 */
public final class RewriteDescriber {

    private RewriteDescriber() {
    }

    public static void describe(StringBuilder out, List<Route> routes, RewriteConfig rewrite) {
        Set<String> used = new LinkedHashSet<>();
        List<String> lines = new ArrayList<>();
        for (Route r : routes) {
            if (r.rewrite() == null && r.rewriteSender() == null) {
                continue;
            }
            lines.add("  route " + r.name() + ": recipients " + (r.rewrite() == null ? "none" : r.rewrite())
                    + ", headers " + r.headerMode().name().toLowerCase(java.util.Locale.ROOT)
                    + ", sender " + (r.rewriteSender() == null ? "none" : r.rewriteSender()
                    + (rewrite.senderHeaders() ? " (also From, Sender, Reply-To)" : " (envelope only)")));
            if (r.rewrite() != null) {
                used.add(r.rewrite());
            }
            if (r.rewriteSender() != null) {
                used.add(r.rewriteSender());
            }
        }
        if (used.isEmpty()) {
            return;
        }
        out.append("\nrewrite (first matching rule wins)\n");
        lines.forEach(l -> out.append(l).append('\n'));
        for (String name : used) {
            rewrite.set(name).ifPresent(set -> {
                out.append("  set ").append(name).append('\n');
                for (Rule rule : set.rules()) {
                    out.append("    ").append(rule.id()).append(": ").append(rule.description())
                            .append(rule.source() == null ? "" : "  (" + rule.source() + ")").append('\n');
                }
            });
        }
    }
}
