package org.twgate.config.bind;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.twgate.config.DeliveryConfig;
import org.twgate.config.Problem;
import org.twgate.config.Source;
import org.twgate.config.TeamwareConfig;
import org.twgate.config.rewrite.HeaderMode;
import org.twgate.config.rewrite.RewriteConfig;
import org.twgate.config.route.PipePer;
import org.twgate.config.route.Relay;
import org.twgate.config.route.Route;
import org.twgate.config.route.SmtpRoutes;
import org.twgate.config.route.TlsMode;
import org.twgate.config.route.Transport;
import org.twgate.config.tree.ListNode;
import org.twgate.config.tree.Node;
import org.twgate.config.tree.ScalarNode;

/**
 * Binds {@code routes}: each entry is one smtproutes line ({@code smtproutes}, optionally
 * amended by {@code domain}, {@code relay}, {@code port}, which is what environment
 * overrides such as {@code TWGATE_ROUTES__0__RELAY} set), or a whole smtproutes file
 * ({@code smtproutes_file}) imported in place, every line taking the entry's other keys.
 */
final class RouteBinder {

    private static final String[] KEYS = {"smtproutes", "smtproutes_file", "domain", "relay", "port", "name",
        "final", "transport", "command", "pipe_per", "pipe_timeout", "rewrite", "deliver_relayed_dsn", "tls",
        "tls_verify", "max_connections", "convert_qmail_bounces", "rewrite_sender", "header_mode"};

    /** qmail-command's variables a pipe argument may use (see gateway's PipeCommand). */
    private static final java.util.regex.Pattern PIPE_VARIABLE =
            java.util.regex.Pattern.compile("\\$(\\{([A-Z]+)}|([A-Z]+))");
    private static final java.util.Set<String> PIPE_VARIABLES =
            java.util.Set.of("SENDER", "RECIPIENT", "LOCAL", "HOST", "EXT", "DEFAULT");

    private RouteBinder() {
    }

    static List<Route> bind(Node node, DeliveryConfig delivery, TeamwareConfig teamware, RewriteConfig rewrite,
                            Imports imports, List<Problem> problems) {
        List<Route> routes = new ArrayList<>();
        if (node instanceof ScalarNode s && s.isNull()) {
            return routes;
        }
        if (!(node instanceof ListNode list)) {
            problems.add(node.origin().problem("routes", "expected a list of routes, found " + node.kind()));
            return routes;
        }
        for (int i = 0; i < list.items().size(); i++) {
            routes.addAll(entry(Section.of(list.items().get(i), "routes[" + i + "]", problems, KEYS),
                    delivery, teamware, rewrite, imports));
        }
        return routes;
    }

    private static List<Route> entry(Section s, DeliveryConfig delivery, TeamwareConfig teamware,
                                     RewriteConfig rewrite, Imports imports) {
        List<Problem> problems = s.problems();
        Settings settings = settings(s, delivery, teamware);
        RouteRewriting rewriting = RouteRewriting.bind(s, rewrite);
        List<SmtpRoutes.Line> lines = new ArrayList<>();
        Optional<Section.Item> file = Imports.pathItem(s, "smtproutes_file");
        if (file.isPresent()) {
            for (String other : new String[] {"smtproutes", "domain", "relay", "port"}) {
                if (s.has(other)) {
                    problems.add(s.originOf(other).problem(s.pathOf(other),
                            "cannot be combined with smtproutes_file"));
                }
            }
            imports.parse(file.get(), problems, SmtpRoutes::parseFile).ifPresent(lines::addAll);
        } else {
            line(s).ifPresent(lines::add);
        }
        List<Route> routes = new ArrayList<>();
        for (SmtpRoutes.Line line : lines) {
            String name = settings.name != null ? settings.name : line.domain().isEmpty() ? "default" : line.domain();
            routes.add(Route.builder(name, line.domain(), line.relay(), line.source())
                    .finalDelivery(settings.finalDelivery)
                    .transport(settings.transport, settings.command, settings.pipePer, settings.pipeTimeout)
                    .recipientRules(settings.rewrite)
                    .senderRules(rewriting.senderSet())
                    .headerMode(rewriting.headerMode())
                    .deliverRelayedDsn(settings.deliverRelayedDsn)
                    .tls(settings.tls, settings.tlsVerify)
                    .maxConnections(settings.maxConnections)
                    .convertQmailBounces(settings.convertQmailBounces)
                    .build());
        }
        s.finish();
        return routes;
    }

    /** The keys every line of the entry shares. */
    private record Settings(String name, boolean finalDelivery, Transport transport, List<String> command,
                            PipePer pipePer, Duration pipeTimeout, String rewrite, int deliverRelayedDsn,
                            TlsMode tls, boolean tlsVerify, int maxConnections, boolean convertQmailBounces) {
    }

    private static Settings settings(Section s, DeliveryConfig delivery, TeamwareConfig teamware) {
        Transport transport = s.choice("transport", Transport.class, Transport.SMTP);
        List<String> command = s.items("command").orElse(List.of()).stream().map(Section.Item::text).toList();
        if (transport == Transport.PIPE && command.isEmpty()) {
            s.problems().add(s.originOf("transport").problem(s.pathOf("command"),
                    "a pipe route needs a command (argv list)"));
        }
        for (Section.Item item : s.items("command").orElse(List.of())) {
            java.util.regex.Matcher m = PIPE_VARIABLE.matcher(item.text());
            while (m.find()) {
                String name = m.group(2) != null ? m.group(2) : m.group(3);
                if (!PIPE_VARIABLES.contains(name)) {
                    s.problems().add(item.origin().problem(item.path(), "unknown variable $" + name + " in '"
                            + item.text() + "' (known: $SENDER $RECIPIENT $LOCAL $HOST $EXT $DEFAULT)"));
                }
            }
        }
        if (transport == Transport.SMTP && !command.isEmpty()) {
            s.problems().add(s.originOf("command").problem(s.pathOf("command"),
                    "only a pipe route runs a command (set transport: pipe)"));
        }
        int teamwareDefault = teamware.toIni().flatMap(t -> t.deliverRelayedDsn().isPresent()
                ? Optional.of(t.deliverRelayedDsn().getAsInt()) : Optional.empty()).orElse(0);
        String rewrite = s.text("rewrite").map(String::strip).filter(t -> !t.isEmpty()).orElse(null);
        String name = s.text("name").map(String::strip).filter(t -> !t.isEmpty()).orElse(null);
        return new Settings(name, s.bool("final", false), transport, command,
                s.choice("pipe_per", PipePer.class, PipePer.RECIPIENT),
                s.duration("pipe_timeout", Duration.ofMinutes(5)), rewrite,
                s.integer("deliver_relayed_dsn", 0, 2, teamwareDefault),
                s.choice("tls", TlsMode.class, TlsMode.NONE),
                s.bool("tls_verify", false),
                s.integer("max_connections", 1, 10_000, delivery.maxConnectionsPerRoute()),
                s.bool("convert_qmail_bounces", true));
    }

    /** The entry's own smtproutes line, amended by {@code domain}, {@code relay}, {@code port}. */
    private static Optional<SmtpRoutes.Line> line(Section s) {
        List<Problem> problems = s.problems();
        String key = s.has("smtproutes") ? "smtproutes" : "domain";
        if (!s.has("smtproutes") && !s.has("domain")) {
            problems.add(s.origin().problem(s.path(), "a route needs smtproutes, smtproutes_file or domain"));
            return Optional.empty();
        }
        Source source = s.originOf(key).source();
        SmtpRoutes.Line line = s.parsed("smtproutes", new SmtpRoutes.Line("", Relay.mx(), source),
                t -> SmtpRoutes.parseLine(t, source));
        String domain = s.parsed("domain", line.domain(), t -> {
            String d = t.strip().toLowerCase(Locale.ROOT);
            SmtpRoutes.parseLine(d + ":", source);
            return d;
        });
        Relay relay = s.parsed("relay", line.relay(), t -> SmtpRoutes.relay(t.strip(), t));
        int port = s.integer("port", 1, 65535, relay.port());
        if (port != relay.port()) {
            if (relay.isMx()) {
                problems.add(s.originOf("port").problem(s.pathOf("port"),
                        "a port needs a relay host (an empty relay means MX, port 25)"));
            } else {
                relay = new Relay(relay.host(), relay.literalIp(), port);
            }
        }
        return Optional.of(new SmtpRoutes.Line(domain, relay, source));
    }
}
