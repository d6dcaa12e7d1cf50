package org.twgate.config.route;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.twgate.config.Source;
import org.twgate.config.rewrite.HeaderMode;

/**
 * One route: which recipient domains it covers (smtproutes syntax) and everything
 * delivery needs to know about the next hop.
 *
 * @param name              label for logs and metrics
 * @param domain            {@code example.com} (exactly), {@code .example.com} (its
 *                          subdomains), or empty (the default route); lower case
 * @param finalDelivery     the next hop is the mailbox store (the Teamware connector):
 *                          Return-Path is injected
 * @param pipeCommand       argv for {@link Transport#PIPE}, empty for SMTP
 * @param rewrite           recipient rewrite rule-set name, or {@code null} for none
 * @param deliverRelayedDsn Teamware's policy for "relayed" DSNs: 0 report, 1 message, 2 discard
 * @param maxConnections    concurrent deliveries on this route
 * @param source            where the route was defined (the YAML entry, or the
 *                          smtproutes line it was imported from)
 * @param rewriteSender     sender rewrite rule-set name, or {@code null} for none
 * @param headerMode        which header addresses the recipient set rewrites
 * @param convertQmailBounces on a final route: a qmail (QSBMF) bounce is delivered as an
 *                          RFC 3464 report instead (default true)
 */
public record Route(String name, String domain, Relay relay, boolean finalDelivery, Transport transport,
                    List<String> pipeCommand, PipePer pipePer, Duration pipeTimeout, String rewrite,
                    int deliverRelayedDsn, TlsMode tls, boolean tlsVerify, int maxConnections,
                    Source source, String rewriteSender, HeaderMode headerMode, boolean convertQmailBounces) {

    public Route {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(relay, "relay");
        Objects.requireNonNull(transport, "transport");
        pipeCommand = List.copyOf(pipeCommand);
        Objects.requireNonNull(pipePer, "pipePer");
        Objects.requireNonNull(pipeTimeout, "pipeTimeout");
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(headerMode, "headerMode");
        if (deliverRelayedDsn < 0 || deliverRelayedDsn > 2) {
            throw new IllegalArgumentException("deliverRelayedDsn must be 0, 1 or 2: " + deliverRelayedDsn);
        }
    }

    /**
     * A route without a sender rule set, rewriting every matching header address, converting
     * qmail bounces ({@code convert_qmail_bounces: true}).
     */
    public Route(String name, String domain, Relay relay, boolean finalDelivery, Transport transport,
                 List<String> pipeCommand, PipePer pipePer, Duration pipeTimeout, String rewrite,
                 int deliverRelayedDsn, TlsMode tls, boolean tlsVerify, int maxConnections, Source source) {
        this(name, domain, relay, finalDelivery, transport, pipeCommand, pipePer, pipeTimeout, rewrite,
                deliverRelayedDsn, tls, tlsVerify, maxConnections, source, null, HeaderMode.ALL, true);
    }

    /** A route without a sender rule set, rewriting every matching header address. */
    public Route(String name, String domain, Relay relay, boolean finalDelivery, Transport transport,
                 List<String> pipeCommand, PipePer pipePer, Duration pipeTimeout, String rewrite,
                 int deliverRelayedDsn, TlsMode tls, boolean tlsVerify, int maxConnections, Source source,
                 boolean convertQmailBounces) {
        this(name, domain, relay, finalDelivery, transport, pipeCommand, pipePer, pipeTimeout, rewrite,
                deliverRelayedDsn, tls, tlsVerify, maxConnections, source, null, HeaderMode.ALL, convertQmailBounces);
    }

    /** The smtproutes line this route stands for: {@code domain:relay:port}. */
    public String smtproutesLine() {
        if (relay.isMx()) {
            return domain + ":";
        }
        return domain + ":" + (relay.literalIp() ? "[" + relay.host() + "]" : relay.host()) + ":" + relay.port();
    }
}
