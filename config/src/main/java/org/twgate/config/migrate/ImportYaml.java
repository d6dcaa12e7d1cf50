package org.twgate.config.migrate;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Writes an {@link ImportPlan} as the twgate YAML configuration a person reads: sections in the
 * order mail flows (server, policy, rewrite, routes, teamware), each entry under comment lines
 * naming the qmail {@code file:line} it came from, nothing the embedded defaults already say.
 * The same plan always gives the same bytes.
 */
public final class ImportYaml {
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@/+-]*");
    private static final List<String> KEYWORDS = List.of("true", "false", "null", "yes", "no", "on", "off", "y", "n",
            "~");

    private ImportYaml() {
    }

    public static String render(ImportPlan plan) {
        StringBuilder out = new StringBuilder();
        out.append("# twgate configuration written by `twgate import qmail` from a qmail integration with Teamware.\n");
        out.append("# Each entry names the qmail or Teamware file:line it came from. Read:\n");
        for (String f : plan.filesRead()) {
            out.append("#   ").append(printable(f)).append('\n');
        }
        out.append("# `twgate check --config FILE` shows what it means, `twgate address --config FILE ADDR…` what it\n");
        out.append("# does to an address. The qmail side of the change is the patch the import printed.\n");

        out.append("\nserver:\n");
        out.append("  listen: [").append(quote(plan.server().listen())).append("]\n");
        comments(out, "  ", plan.server().hostname().comments());
        out.append("  hostname: ").append(quote(plan.server().hostname().value())).append('\n');

        ImportPlan.Policy policy = plan.policy();
        out.append("\npolicy:\n");
        out.append("  relay_clients:\n");
        for (ImportPlan.Commented c : policy.relayClients()) {
            comments(out, "    ", c.comments());
            out.append("    - ").append(quote(c.value())).append('\n');
        }
        if (!policy.acceptedDomains().isEmpty()) {
            out.append("  accepted_domains:\n");
            for (ImportPlan.Commented c : policy.acceptedDomains()) {
                comments(out, "    ", c.comments());
                out.append("    - ").append(quote(c.value())).append('\n');
            }
        }
        comments(out, "  ", policy.postmaster().comments());
        out.append("  postmaster: ").append(quote(policy.postmaster().value())).append('\n');

        if (!plan.ruleSets().isEmpty()) {
            out.append("\nrewrite:\n  sets:\n");
            for (ImportPlan.RuleSetPlan set : plan.ruleSets()) {
                out.append("    ").append(quote(set.name())).append(":\n");
                for (ImportPlan.RulePlan rule : set.rules()) {
                    comments(out, "      ", rule.comments());
                    out.append("      - id: ").append(quote(rule.id())).append('\n');
                    out.append("        match: ").append(rule.match()).append('\n');
                    if (rule.refuse() != null) {
                        out.append("        refuse: ").append(quote(rule.refuse())).append('\n');
                    } else if (rule.route() != null) {
                        out.append("        route: ").append(quote(rule.route())).append('\n');
                    } else {
                        out.append("        result: ").append(quote(rule.result())).append('\n');
                    }
                }
            }
        }

        out.append("\nroutes:\n");
        for (ImportPlan.RoutePlan route : plan.routes()) {
            comments(out, "  ", route.comments());
            out.append("  - smtproutes: ").append(quote(route.smtproutes())).append('\n');
            out.append("    name: ").append(quote(route.name())).append('\n');
            out.append("    final: ").append(route.finalDelivery()).append('\n');
            if (!route.command().isEmpty()) {
                out.append("    transport: pipe\n");
                out.append("    command: [");
                for (int i = 0; i < route.command().size(); i++) {
                    out.append(i == 0 ? "" : ", ").append(quote(route.command().get(i)));
                }
                out.append("]\n");
            }
            if (route.rewrite() != null) {
                out.append("    rewrite: ").append(quote(route.rewrite())).append('\n');
            }
            if (route.deliverRelayedDsn() != null) {
                comments(out, "    ", route.deliverRelayedDsn().comments());
                out.append("    deliver_relayed_dsn: ").append(route.deliverRelayedDsn().value()).append('\n');
            }
        }

        plan.teamware().ifPresent(t -> {
            out.append("\nteamware:\n");
            if (t.mode() != null) {
                comments(out, "  ", t.mode().comments());
                out.append("  mode: ").append(quote(t.mode().value())).append('\n');
            }
            if (!t.allow().isEmpty()) {
                out.append("  allow:\n");
                for (ImportPlan.Commented c : t.allow()) {
                    comments(out, "    ", c.comments());
                    out.append("    - ").append(quote(c.value())).append('\n');
                }
            }
            if (t.noRelay() != null) {
                comments(out, "  ", t.noRelay().comments());
                out.append("  no_relay: ").append(t.noRelay().value()).append('\n');
            }
            if (!t.ownNodes().isEmpty()) {
                out.append("  own_node:\n");
                for (ImportPlan.Commented c : t.ownNodes()) {
                    comments(out, "    ", c.comments());
                    out.append("    - ").append(quote(c.value())).append('\n');
                }
            }
        });
        return out.toString();
    }

    private static void comments(StringBuilder out, String indent, List<String> lines) {
        for (String l : lines) {
            out.append(indent).append("# ").append(printable(l)).append('\n');
        }
    }

    /** A YAML scalar: plain when that cannot be misread, else double-quoted. */
    static String quote(String s) {
        if (PLAIN.matcher(s).matches() && !KEYWORDS.contains(s.toLowerCase(java.util.Locale.ROOT))
                && !s.matches("[0-9][0-9._:+-]*")) {
            return s;
        }
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        b.append(String.format("\\x%02x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    /** Comment text on one line: control characters shown as \xNN. */
    static String printable(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            b.append(c < 0x20 || c == 0x7f ? String.format("\\x%02x", (int) c) : String.valueOf(c));
        }
        return b.toString();
    }
}
