package org.twgate.config.bind;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.twgate.config.DeliveryConfig;
import org.twgate.config.LoggingConfig;
import org.twgate.config.MetricsConfig;
import org.twgate.config.ServerConfig;
import org.twgate.config.SpoolConfig;
import org.twgate.config.syntax.HostPorts;
import org.twgate.config.tree.Node;

/**
 * Binds the plain sections: server, spool, delivery, metrics, logging. The fallbacks
 * here only stand in after a reported problem; the real defaults are the embedded
 * {@code defaults.yaml} underneath every file.
 */
final class ServerBinder {

    private static final String HOST_NAME = "[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*";

    private ServerBinder() {
    }

    static ServerConfig server(Node node, String defaultHostname, Imports imports,
                               List<org.twgate.config.Problem> problems) {
        Section s = Section.of(node, "server", problems, "listen", "hostname", "max_message_size",
                "max_recipients", "max_command_line", "max_data_line", "max_connections",
                "max_connections_per_ip", "idle_timeout", "command_deadline", "data_deadline", "min_data_rate",
                "connection_rate_limit", "message_rate_limit", "recipient_rate_limit", "rate_time_unit",
                "client_ipv4_prefix", "client_ipv6_prefix", "exempt_relay_clients", "reverse_dns",
                "reverse_dns_timeout", "max_received_headers", "bare_line_endings", "relay_client_bare_line_endings",
                "forbid_unauth_pipelining", "shutdown_grace", "io_threads", "tls");
        List<Section.Item> items = s.items("listen").orElse(List.of());
        if (items.isEmpty()) {
            problems.add(s.originOf("listen").problem(s.pathOf("listen"), "at least one address is needed"));
        }
        List<InetSocketAddress> listen = items.stream()
                .flatMap(i -> s.parseItem(i, HostPorts::parse).stream()).toList();
        String hostname = s.parsed("hostname", defaultHostname, t -> {
            if (!t.strip().matches(HOST_NAME)) {
                throw org.twgate.config.syntax.BadValue.of("not a host name", t);
            }
            return t.strip();
        });
        ServerConfig server = new ServerConfig(listen, hostname,
                s.size("max_message_size", 50L << 20),
                s.integer("max_recipients", 1, 1_000_000, 100),
                s.integer("max_command_line", 512, 1 << 20, 1024),
                s.size("max_data_line", 1L << 20),
                s.integer("max_connections", 1, 1_000_000, 200),
                s.integer("max_connections_per_ip", 1, 1_000_000, 20),
                positive(s, "idle_timeout", Duration.ofMinutes(5)),
                deadlines(s),
                clientLimits(s),
                new ServerConfig.ReverseDns(s.bool("reverse_dns", true),
                        positive(s, "reverse_dns_timeout", Duration.ofSeconds(5))),
                s.integer("max_received_headers", 1, 10_000, 100),
                s.choice("bare_line_endings", ServerConfig.BareLineEndings.class,
                        ServerConfig.BareLineEndings.REJECT),
                s.choice("relay_client_bare_line_endings", ServerConfig.BareLineEndings.class,
                        ServerConfig.BareLineEndings.NORMALIZE),
                s.bool("forbid_unauth_pipelining", true),
                s.duration("shutdown_grace", Duration.ofSeconds(30)),
                s.integer("io_threads", 0, 1024, 0),
                tls(s, imports, problems));
        s.finish();
        return server;
    }

    private static ServerConfig.Deadlines deadlines(Section s) {
        return new ServerConfig.Deadlines(positive(s, "command_deadline", Duration.ofMinutes(5)),
                positive(s, "data_deadline", Duration.ofMinutes(5)), s.size("min_data_rate", 500));
    }

    private static ServerConfig.ClientLimits clientLimits(Section s) {
        return new ServerConfig.ClientLimits(
                s.integer("connection_rate_limit", 0, 100_000_000, 120),
                s.integer("message_rate_limit", 0, 100_000_000, 300),
                s.integer("recipient_rate_limit", 0, 100_000_000, 3000),
                positive(s, "rate_time_unit", Duration.ofMinutes(1)),
                s.integer("client_ipv4_prefix", 8, 32, 32),
                s.integer("client_ipv6_prefix", 16, 128, 84),
                s.bool("exempt_relay_clients", true));
    }

    /** A duration that must be more than 0 (a deadline of nothing would refuse every client). */
    private static Duration positive(Section s, String key, Duration fallback) {
        Duration d = s.duration(key, fallback);
        if (d.isZero() || d.isNegative()) {
            s.problems().add(s.originOf(key).problem(s.pathOf(key), "must be more than 0"));
            return fallback;
        }
        return d;
    }

    /** {@code server.tls}: absent or null means STARTTLS is not offered. */
    private static Optional<org.twgate.config.TlsServerConfig> tls(Section server, Imports imports,
                                                                  List<org.twgate.config.Problem> problems) {
        if (!server.has("tls")) {
            return Optional.empty();
        }
        Section t = Section.of(server.node("tls").orElseThrow(), server.pathOf("tls"), problems, "key_store",
                "key_store_password", "certificate", "private_key", "protocols", "ciphers");
        Optional<Path> keyStore = readableFile(t, "key_store", imports, problems);
        Optional<Path> certificate = readableFile(t, "certificate", imports, problems);
        Optional<Path> privateKey = readableFile(t, "private_key", imports, problems);
        boolean pem = t.has("certificate") || t.has("private_key");
        if (t.has("key_store") == pem) {
            problems.add(t.origin().problem(t.path(), "give either key_store (PKCS#12) or certificate and private_key (PEM)"));
        } else if (pem && (!t.has("certificate") || !t.has("private_key"))) {
            problems.add(t.origin().problem(t.path(), "a PEM key needs both certificate and private_key"));
        }
        org.twgate.config.TlsServerConfig tls = new org.twgate.config.TlsServerConfig(keyStore,
                t.string("key_store_password", ""), certificate, privateKey,
                t.parsedItems("protocols", List.of(), x -> x.strip()),
                t.parsedItems("ciphers", List.of(), x -> x.strip()));
        t.finish();
        return Optional.of(tls);
    }

    private static Optional<Path> readableFile(Section s, String key, Imports imports,
                                               List<org.twgate.config.Problem> problems) {
        Optional<String> text = s.text(key).filter(x -> !x.isBlank());
        if (text.isEmpty()) {
            return Optional.empty();
        }
        Path file = imports.resolve(text.get());
        if (!java.nio.file.Files.isReadable(file)) {
            problems.add(s.originOf(key).problem(s.pathOf(key), "cannot read file '" + file + "'"));
        }
        return Optional.of(file);
    }

    static SpoolConfig spool(Node node, List<org.twgate.config.Problem> problems) {
        Section s = Section.of(node, "spool", problems, "directory", "retry_initial", "retry_max",
                "max_lifetime", "delay_warning");
        String dir = s.string("directory", "./spool");
        if (dir.isBlank()) {
            problems.add(s.originOf("directory").problem(s.pathOf("directory"), "must not be empty"));
            dir = "./spool";
        }
        SpoolConfig spool = new SpoolConfig(Path.of(dir).toAbsolutePath().normalize(),
                s.duration("retry_initial", Duration.ofMinutes(1)),
                s.duration("retry_max", Duration.ofHours(1)),
                s.duration("max_lifetime", Duration.ofDays(5)),
                s.duration("delay_warning", Duration.ofHours(4)));
        if (spool.retryInitial().isZero()) {
            problems.add(s.originOf("retry_initial").problem(s.pathOf("retry_initial"), "must be more than 0"));
        }
        if (spool.retryMax().compareTo(spool.retryInitial()) < 0) {
            problems.add(s.originOf("retry_max").problem(s.pathOf("retry_max"), "is shorter than retry_initial ("
                    + org.twgate.config.syntax.Durations.format(spool.retryInitial()) + ")"));
        }
        if (spool.maxLifetime().isZero()) {
            problems.add(s.originOf("max_lifetime").problem(s.pathOf("max_lifetime"), "must be more than 0"));
        }
        s.finish();
        return spool;
    }

    static DeliveryConfig delivery(Node node, String hostname, List<org.twgate.config.Problem> problems) {
        Section s = Section.of(node, "delivery", problems, "helo_name", "connect_timeout", "command_timeout",
                "max_connections_per_route", "connection_idle", "threads");
        DeliveryConfig delivery = new DeliveryConfig(
                s.parsed("helo_name", hostname, t -> {
                    if (!t.strip().matches(HOST_NAME)) {
                        throw org.twgate.config.syntax.BadValue.of("not a host name", t);
                    }
                    return t.strip();
                }),
                s.duration("connect_timeout", Duration.ofSeconds(30)),
                s.duration("command_timeout", Duration.ofMinutes(5)),
                s.integer("max_connections_per_route", 1, 10_000, 10),
                s.duration("connection_idle", Duration.ofSeconds(10)),
                s.integer("threads", 1, 10_000, 16));
        s.finish();
        return delivery;
    }

    static MetricsConfig metrics(Node node, List<org.twgate.config.Problem> problems) {
        Section s = Section.of(node, "metrics", problems, "listen", "status_listen");
        Optional<InetSocketAddress> listen = s.text("listen").filter(t -> !t.isBlank()).isEmpty()
                ? Optional.empty()
                : Optional.ofNullable(s.parsed("listen", null, HostPorts::parse));
        // Absent: the status page shares metrics.listen; "": no status page; HOST:PORT: its own listener.
        boolean statusPage = !s.has("status_listen") || !s.text("status_listen").orElse("").isBlank();
        Optional<InetSocketAddress> statusListen = statusPage && s.has("status_listen")
                ? Optional.ofNullable(s.parsed("status_listen", null, HostPorts::parse))
                : Optional.empty();
        s.finish();
        return new MetricsConfig(listen, statusListen, statusPage);
    }

    static LoggingConfig logging(Node node, List<org.twgate.config.Problem> problems) {
        Section s = Section.of(node, "logging", problems, "level", "format");
        LoggingConfig logging = new LoggingConfig(
                s.choice("level", LoggingConfig.Level.class, LoggingConfig.Level.INFO),
                s.choice("format", LoggingConfig.Format.class, LoggingConfig.Format.TEXT));
        s.finish();
        return logging;
    }
}
