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
     * A route to {@code relay} for {@code domain}, the other settings named one by one; each
     * unnamed setting has the value a YAML route entry gets when it leaves the key out
     * (SMTP, not final, no rule sets, {@code tls: none}, relayed DSNs 0, qmail bounces converted,
     * pipe per recipient with a 5 minute timeout, 10 connections).
     */
    public static Builder builder(String name, String domain, Relay relay, Source source) {
        return new Builder(name, domain, relay, source);
    }

    /** Named settings of a {@link Route}: no two booleans or rule-set names side by side. */
    public static final class Builder {
        private final String name;
        private final String domain;
        private final Relay relay;
        private final Source source;
        private boolean finalDelivery;
        private Transport transport = Transport.SMTP;
        private List<String> pipeCommand = List.of();
        private PipePer pipePer = PipePer.RECIPIENT;
        private Duration pipeTimeout = Duration.ofMinutes(5);
        private String rewrite;
        private int deliverRelayedDsn;
        private TlsMode tls = TlsMode.NONE;
        private boolean tlsVerify;
        private int maxConnections = 10;
        private String rewriteSender;
        private HeaderMode headerMode = HeaderMode.ALL;
        private boolean convertQmailBounces = true;

        private Builder(String name, String domain, Relay relay, Source source) {
            this.name = name;
            this.domain = domain;
            this.relay = relay;
            this.source = source;
        }

        /** The next hop is the mailbox store: Return-Path is injected ({@code final: true}). */
        public Builder finalDelivery(boolean value) {
            this.finalDelivery = value;
            return this;
        }

        /** {@code transport: pipe} with this argv, one run per {@code per}, killed after {@code timeout}. */
        public Builder pipe(List<String> command, PipePer per, Duration timeout) {
            this.transport = Transport.PIPE;
            this.pipeCommand = command;
            this.pipePer = per;
            this.pipeTimeout = timeout;
            return this;
        }

        /** The transport and pipe settings as read, even where they do not fit (the binder reports that). */
        public Builder transport(Transport transport, List<String> command, PipePer per, Duration timeout) {
            this.transport = transport;
            this.pipeCommand = command;
            this.pipePer = per;
            this.pipeTimeout = timeout;
            return this;
        }

        /** Recipient rule set ({@code rewrite:}), or null for none. */
        public Builder recipientRules(String ruleSet) {
            this.rewrite = ruleSet;
            return this;
        }

        /** Sender rule set ({@code rewrite_sender:}), or null for none. */
        public Builder senderRules(String ruleSet) {
            this.rewriteSender = ruleSet;
            return this;
        }

        public Builder headerMode(HeaderMode mode) {
            this.headerMode = mode;
            return this;
        }

        /** Teamware's {@code deliver_relayed_dsn}: 0 report, 1 message, 2 discard. */
        public Builder deliverRelayedDsn(int policy) {
            this.deliverRelayedDsn = policy;
            return this;
        }

        /** {@code tls:} and {@code tls_verify:}. */
        public Builder tls(TlsMode mode, boolean verify) {
            this.tls = mode;
            this.tlsVerify = verify;
            return this;
        }

        public Builder maxConnections(int connections) {
            this.maxConnections = connections;
            return this;
        }

        /** {@code convert_qmail_bounces:} on a final route. */
        public Builder convertQmailBounces(boolean value) {
            this.convertQmailBounces = value;
            return this;
        }

        public Route build() {
            return new Route(name, domain, relay, finalDelivery, transport, pipeCommand, pipePer, pipeTimeout,
                    rewrite, deliverRelayedDsn, tls, tlsVerify, maxConnections, source, rewriteSender, headerMode,
                    convertQmailBounces);
        }
    }

    /** The smtproutes line this route stands for: {@code domain:relay:port}. */
    public String smtproutesLine() {
        if (relay.isMx()) {
            return domain + ":";
        }
        return domain + ":" + (relay.literalIp() ? "[" + relay.host() + "]" : relay.host()) + ":" + relay.port();
    }
}
