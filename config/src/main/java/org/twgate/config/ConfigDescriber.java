package org.twgate.config;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.stream.Collectors;
import org.twgate.config.policy.ClientRule;
import org.twgate.config.rewrite.RewriteDescriber;
import org.twgate.config.route.Route;
import org.twgate.config.route.RouteTable;
import org.twgate.config.route.Transport;
import org.twgate.config.syntax.Durations;
import org.twgate.config.syntax.HostPorts;
import org.twgate.config.syntax.Sizes;
import org.twgate.config.teamware.ConnectorAcceptance;

/**
 * Renders the effective configuration as text for {@code twgate check}: what twgate will
 * actually do, in the order it decides, each rule and route with the {@code file:line}
 * it came from, so that an operator can check an imported qmail file at a glance.
 */
public final class ConfigDescriber {

    private ConfigDescriber() {
    }

    public static String describe(GatewayConfig c) {
        StringBuilder out = new StringBuilder();
        out.append("configuration: ").append(c.source()).append('\n');
        server(out, c.server());
        clients(out, c);
        routes(out, c.routes());
        RewriteDescriber.describe(out, c.routes().routes(), c.rewrite());
        spoolAndDelivery(out, c);
        teamware(out, c.teamware());
        if (!c.warnings().isEmpty()) {
            out.append("\nwarnings\n");
            c.warnings().forEach(w -> out.append("  ").append(w).append('\n'));
        }
        return out.toString();
    }

    private static void server(StringBuilder out, ServerConfig s) {
        out.append("\nserver\n");
        row(out, "listen", s.listen().stream().map(HostPorts::format).collect(Collectors.joining(", ")));
        row(out, "hostname", s.hostname());
        row(out, "max_message_size", s.maxMessageSize() == 0 ? "no limit" : Sizes.format(s.maxMessageSize()));
        row(out, "max_recipients", Integer.toString(s.maxRecipients()));
        row(out, "max_command_line", s.maxCommandLine() + " octets");
        row(out, "max_data_line", s.maxDataLine() == 0 ? "no limit" : Sizes.format(s.maxDataLine()));
        ServerConfig.ClientLimits limits = s.clientLimits();
        row(out, "max_connections", s.maxConnections() + " (" + s.maxConnectionsPerIp() + " per client)");
        row(out, "per client", "IPv4 /" + limits.ipv4Prefix() + ", IPv6 /" + limits.ipv6Prefix()
                + (limits.exemptRelayClients() ? "; relay clients exempt" : "; relay clients too"));
        row(out, "rate limits", rate(limits.connectionRate(), "connections") + ", " + rate(limits.messageRate(), "messages")
                + ", " + rate(limits.recipientRate(), "recipients") + " per " + Durations.format(limits.timeUnit()));
        row(out, "idle_timeout", Durations.format(s.idleTimeout()));
        ServerConfig.Deadlines d = s.deadlines();
        row(out, "command_deadline", Durations.format(d.command()));
        row(out, "data_deadline", Durations.format(d.data()) + (d.minDataRate() == 0 ? " for the whole content"
                : " behind " + d.minDataRate() + " octets/s"));
        row(out, "reverse_dns", s.reverseDns().enabled()
                ? "yes, banner waits at most " + Durations.format(s.reverseDns().timeout()) : "no");
        row(out, "max_received_headers", Integer.toString(s.maxReceivedHeaders()));
        row(out, "bare_line_endings", lower(s.bareLineEndings()) + " (relay clients: "
                + lower(s.relayClientBareLineEndings()) + ")");
        row(out, "unauth pipelining", s.forbidUnauthPipelining() ? "forbidden after DATA" : "allowed");
        row(out, "shutdown_grace", Durations.format(s.shutdownGrace()));
        row(out, "io_threads", s.ioThreads() == 0 ? "automatic" : Integer.toString(s.ioThreads()));
    }

    private static String rate(int limit, String what) {
        return limit == 0 ? "no limit of " + what : limit + " " + what;
    }

    private static void clients(StringBuilder out, GatewayConfig c) {
        out.append("\nclient access (most specific rule first; no match: allowed, not a relay client)\n");
        for (ClientRule r : c.policy().clientAccess().rules()) {
            String verdict = !r.allowed() ? "deny" : r.relayClient() ? "allow, relay" : "allow";
            out.append(String.format("  %-13s %-40s %s\n", verdict, r.text(), r.source()));
        }
        out.append("\naccepted domains (for clients that may not relay)\n");
        List<String> domains = c.policy().acceptedDomains().entries();
        if (domains.isEmpty()) {
            out.append("  none: only relay clients may send\n");
        }
        domains.forEach(d -> out.append("  ").append(d).append(d.startsWith(".") ? "  (subdomains)" : "")
                .append('\n'));
    }

    private static void routes(StringBuilder out, RouteTable table) {
        out.append("\nroutes (lookup order: exact domain, then .subdomain longest first, then default)\n");
        for (Route r : table.inLookupOrder()) {
            String domain = r.domain().isEmpty() ? "(default)" : r.domain();
            String target = r.transport() == Transport.PIPE
                    ? "pipe " + String.join(" ", r.pipeCommand()) : r.relay().toString();
            out.append("  ").append(domain).append(" -> ").append(target).append('\n');
            StringBuilder detail = new StringBuilder();
            detail.append("name ").append(table.keyOf(r))
                    .append(r.finalDelivery() ? ", final delivery (Return-Path added)" : ", relay");
            if (r.transport() == Transport.PIPE) {
                detail.append(", per ").append(lower(r.pipePer())).append(", timeout ")
                        .append(Durations.format(r.pipeTimeout()));
            } else {
                detail.append(", tls ").append(lower(r.tls())).append(r.tlsVerify() ? " (verified)" : "")
                        .append(", max ").append(r.maxConnections()).append(" connections");
            }
            detail.append(", rewrite ").append(r.rewrite() == null ? "none" : r.rewrite())
                    .append(", relayed DSN ").append(r.deliverRelayedDsn());
            out.append("      ").append(detail).append('\n');
            out.append("      from ").append(r.source()).append('\n');
        }
        for (RouteTable.Shadowed s : table.shadowed()) {
            out.append("  never used: '").append(s.route().smtproutesLine()).append("' from ")
                    .append(s.route().source()).append(", replaced by ").append(s.by().source()).append('\n');
        }
    }

    private static void spoolAndDelivery(StringBuilder out, GatewayConfig c) {
        SpoolConfig s = c.spool();
        out.append("\nspool\n");
        row(out, "directory", s.directory().toString());
        row(out, "retry", Durations.format(s.retryInitial()) + ", doubling up to " + Durations.format(s.retryMax()));
        row(out, "max_lifetime", Durations.format(s.maxLifetime()));
        row(out, "delay_warning", Durations.format(s.delayWarning()));
        row(out, "max_queued_messages", s.maxQueuedMessages() == SpoolConfig.AUTO ? "auto (from the heap)"
                : Integer.toString(s.maxQueuedMessages()));
        DeliveryConfig d = c.delivery();
        out.append("\ndelivery\n");
        row(out, "helo_name", d.heloName());
        row(out, "timeouts", "connect " + Durations.format(d.connectTimeout()) + ", command "
                + Durations.format(d.commandTimeout()) + ", idle connection kept " + Durations.format(d.connectionIdle()));
        row(out, "threads", Integer.toString(d.threads()));
        out.append("\nmetrics\n");
        row(out, "listen", c.metrics().listen().map(ConfigDescriber::address).orElse("disabled"));
        row(out, "status_listen", c.metrics().statusAddress().map(a -> c.metrics().statusListen().isPresent()
                ? address(a) : "with metrics (" + address(a) + ")").orElse("disabled"));
        out.append("\nlogging\n");
        row(out, "level", lower(c.logging().level()) + ", format " + lower(c.logging().format()));
    }

    private static void teamware(StringBuilder out, TeamwareConfig t) {
        out.append("\nteamware\n");
        row(out, "to_ini", t.toIniFile().map(Object::toString).orElse("none"));
        ConnectorAcceptance a = t.connectorAcceptance();
        row(out, "connector accepts", "mode " + lower(a.mode()) + (a.noRelay() ? ", no_relay" : "")
                + (a.allow().isEmpty() ? "" : ", allow " + String.join(", ", a.allow())));
        t.toIni().flatMap(i -> i.deliverRelayedDsn().isPresent()
                        ? java.util.Optional.of(i.deliverRelayedDsn().getAsInt()) : java.util.Optional.empty())
                .ifPresent(v -> row(out, "deliver_relayed_dsn", v + " (routes without their own setting)"));
        row(out, "tombsmtp_ini", t.tombsmtpIniFile().map(Object::toString).orElse("none"));
        if (!t.ownNodes().base().isEmpty() || !t.ownNodes().aliases().isEmpty()) {
            row(out, "own nodes", String.join(", ", t.ownNodes().base())
                    + (t.ownNodes().aliases().isEmpty() ? "" : "; aliases " + String.join(", ", t.ownNodes().aliases())));
        }
    }

    private static String address(InetSocketAddress a) {
        return HostPorts.format(a);
    }

    private static void row(StringBuilder out, String key, String value) {
        out.append(String.format("  %-22s %s\n", key, value));
    }

    private static String lower(Enum<?> e) {
        return e.name().toLowerCase(java.util.Locale.ROOT);
    }
}
