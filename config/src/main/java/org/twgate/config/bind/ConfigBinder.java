package org.twgate.config.bind;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.twgate.config.DeliveryConfig;
import org.twgate.config.GatewayConfig;
import org.twgate.config.Problem;
import org.twgate.config.ServerConfig;
import org.twgate.config.TeamwareConfig;
import org.twgate.config.rewrite.RewriteConfig;
import org.twgate.config.policy.PolicyConfig;
import org.twgate.config.route.Route;
import org.twgate.config.route.RouteTable;
import org.twgate.config.tree.MapNode;
import org.twgate.config.tree.Node;
import org.twgate.config.tree.ScalarNode;

/**
 * Gives the merged tree its types, section by section, collecting every problem. Order
 * matters only where sections depend on each other: {@code delivery.helo_name} defaults
 * to {@code server.hostname}; routes take their {@code max_connections} from delivery and
 * their {@code deliver_relayed_dsn} from to.ini.
 */
public final class ConfigBinder {

    private ConfigBinder() {
    }

    /**
     * @param problems receives every problem; the result is meaningful only if none was added
     */
    public static GatewayConfig bind(MapNode root, String source, Path baseDirectory, String defaultHostname,
                                     List<Problem> problems) {
        Section s = Section.of(root, "", problems, "server", "policy", "spool", "delivery", "routes", "metrics",
                "logging", "teamware", "rewrite");
        Imports imports = new Imports(baseDirectory);
        ServerConfig server = ServerBinder.server(section(s, "server"), defaultHostname, imports, problems);
        PolicyConfig policy = PolicyBinder.bind(section(s, "policy"), server.hostname(), imports, problems);
        DeliveryConfig delivery = ServerBinder.delivery(section(s, "delivery"), server.hostname(), problems);
        TeamwareConfig teamware = TeamwareBinder.bind(section(s, "teamware"), imports, problems);
        RewriteConfig rewrite = RewriteBinder.bind(section(s, "rewrite"), teamware, problems);
        List<Route> routes = RouteBinder.bind(section(s, "routes"), delivery, teamware, rewrite, imports, problems);
        RouteTable table = new RouteTable(routes);
        checkRouteRules(rewrite, routes, problems);
        GatewayConfig config = new GatewayConfig(server, policy, ServerBinder.spool(section(s, "spool"), problems),
                delivery, table, ServerBinder.metrics(section(s, "metrics"), problems),
                ServerBinder.logging(section(s, "logging"), problems), teamware, source,
                warnings(policy, teamware, rewrite, table), rewrite);
        s.finish();
        return config;
    }

    /**
     * A final route (the connector) whose domain, or the constant domain a rule of its rule set
     * rewrites to, the mirrored connector rules refuse: every message for it would be refused at
     * RCPT. Names the route's line (and the rule's) and where the connector rules were set.
     */
    private static List<Problem> connectorRefuses(TeamwareConfig teamware, RewriteConfig rewrite, RouteTable table) {
        List<Problem> out = new ArrayList<>();
        if (!teamware.mirrorsConnector()) {
            return out;
        }
        org.twgate.config.teamware.ConnectorAcceptance acceptance = teamware.connectorAcceptance();
        String rules = teamware.yamlAcceptance().isPresent() ? "teamware.mode/allow/no_relay in the YAML"
                : teamware.toIni().map(org.twgate.config.teamware.ToIni::acceptanceSources).orElse("");
        for (Route r : table.inLookupOrder()) {
            if (!r.finalDelivery() || r.transport() == org.twgate.config.route.Transport.PIPE) {
                continue; // torecvm: the connector as if sendmail is installed, where mode/allow do not apply
            }
            java.util.Map<String, String> delivered = new java.util.LinkedHashMap<>();
            boolean catchAll = false;
            if (r.rewrite() != null && rewrite.set(r.rewrite()).isPresent()) {
                for (org.twgate.rewrite.rule.Rule rule : rewrite.set(r.rewrite()).get().rules()) {
                    catchAll |= rule.match() instanceof org.twgate.rewrite.rule.Match.Domain;
                    String t = rule.spec().template();
                    if (t == null) {
                        continue;
                    }
                    String bare = t.replace("\"", "");
                    String d = bare.substring(bare.lastIndexOf('@') + 1);
                    if (!d.contains("$") && !bare.equals(d)) {
                        delivered.putIfAbsent(d.toLowerCase(java.util.Locale.ROOT), " by rule " + rule.id()
                                + (rule.source() == null ? "" : " (" + rule.source() + ")"));
                    }
                }
            }
            if (!catchAll && !r.domain().isEmpty() && !r.domain().startsWith(".")) {
                delivered.putIfAbsent(r.domain(), "");
            }
            delivered.forEach((domain, how) -> {
                if (!acceptance.accepts(domain, teamware.ownNodes())) {
                    out.add(Problem.at(r.source(), "route '" + r.smtproutesLine() + "' delivers " + domain + how
                            + " to the connector, whose rules (" + rules + ") refuse it: every such message would"
                            + " be refused at RCPT"));
                }
            });
        }
        return out;
    }

    /** A {@code route:} rule names a route that exists, and not one with a rule set handing it on again. */
    private static void checkRouteRules(RewriteConfig rewrite, List<Route> routes, List<Problem> problems) {
        for (String name : rewrite.names()) {
            for (org.twgate.rewrite.rule.Rule rule : rewrite.set(name).orElseThrow().rules()) {
                if (!rule.spec().passes()) {
                    continue;
                }
                String target = rule.spec().route();
                java.util.Optional<Route> found = routes.stream().filter(r -> r.name().equals(target)).findFirst();
                String where = rule.source() instanceof org.twgate.config.Source src ? src.toString() : "rewrite.sets." + name;
                if (found.isEmpty()) {
                    problems.add(new Problem(where, "rule " + rule.id() + " of set " + name + ": no route is named '"
                            + target + "' (route names: " + String.join(", ", routes.stream().map(Route::name)
                            .distinct().toList()) + ")"));
                }
            }
        }
    }

    private static Node section(Section root, String key) {
        return root.node(key).orElseGet(() -> new ScalarNode(null, root.origin()));
    }

    private static List<Problem> warnings(PolicyConfig policy, TeamwareConfig teamware, RewriteConfig rewrite,
                                          RouteTable table) {
        List<Problem> warnings = new ArrayList<>(policy.warnings());
        teamware.toIni().ifPresent(t -> warnings.addAll(t.warnings()));
        warnings.addAll(connectorRefuses(teamware, rewrite, table));
        for (RouteTable.Shadowed s : table.shadowed()) {
            warnings.add(Problem.at(s.route().source(), "route '" + s.route().smtproutesLine()
                    + "' is never used: " + s.by().source() + " sets the same domain again, and as in qmail"
                    + " the later line wins"));
        }
        return warnings;
    }
}
