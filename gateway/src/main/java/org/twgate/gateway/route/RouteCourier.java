package org.twgate.gateway.route;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.twgate.config.rewrite.RewriteConfig;
import org.twgate.config.route.PipePer;
import org.twgate.config.route.Route;
import org.twgate.config.route.Transport;
import org.twgate.gateway.deliver.DeliveryResult;
import org.twgate.gateway.deliver.HeaderSection;
import org.twgate.gateway.deliver.HeaderTransform;
import org.twgate.gateway.deliver.MessageContent;
import org.twgate.gateway.deliver.NextHop;
import org.twgate.gateway.deliver.OutboundMessage;
import org.twgate.gateway.deliver.PipeCommand;
import org.twgate.gateway.deliver.PipeTransport;
import org.twgate.gateway.deliver.OutboundRecipient;
import org.twgate.gateway.deliver.RecipientResult;
import org.twgate.gateway.deliver.SmtpTransport;
import org.twgate.gateway.notify.ContentHandling;
import org.twgate.gateway.outcome.DeliveryPolicy;
import org.twgate.gateway.notify.RouteDsnHooks;
import org.twgate.gateway.queue.Courier;
import org.twgate.gateway.queue.RecipientOutcome;
import org.twgate.gateway.rewrite.EnvelopeRewrite;
import org.twgate.gateway.rewrite.RecipientRewrite;
import org.twgate.gateway.rewrite.RewriteLog;
import org.twgate.gateway.rewrite.RouteRewriter;
import org.twgate.gateway.spool.EnvelopeRecipient;
import org.twgate.gateway.spool.Spool;
import org.twgate.gateway.spool.StoredMessage;

/**
 * The {@link Courier} over the configured {@link Routes}: delivers a spooled message over the
 * route the queue chose, after the route's rewriting (envelope and headers; recipients it cannot
 * rewrite fail here), through the SMTP transport or the route's program.
 */
public final class RouteCourier implements Courier {
    private final Routes routes;
    private final SmtpTransport smtp;
    private final PipeTransport pipe;
    private final Spool spool;
    private final RouteDsnHooks dsn;
    private final java.util.function.Consumer<String> rewritten;
    private final Map<String, RouteRewriter> rewriters = new HashMap<>();

    /**
     * Compiles every route's rewriting now, so that a route naming a rule set the configuration
     * lacks fails here (at start, or refusing a reload) rather than at a delivery.
     *
     * @param rewritten told the rule-set name each time a recipient address is rewritten (metrics)
     * @throws IllegalStateException naming the route and the missing rule set
     */
    public RouteCourier(Routes routes, SmtpTransport smtp, PipeTransport pipe, Spool spool,
            RouteDsnHooks dsn, RewriteConfig rewriteConfig, java.util.function.Consumer<String> rewritten) {
        this.rewritten = rewritten;
        this.routes = routes;
        this.smtp = smtp;
        this.pipe = pipe;
        this.spool = spool;
        this.dsn = dsn;
        routes.byKey().forEach((key, route) -> rewriters.put(key, RouteRewriter.of(route, rewriteConfig)));
    }

    @Override
    public String routeFor(String recipientAddress) {
        return routes.routeFor(recipientAddress);
    }

    @Override
    public List<RecipientOutcome> deliver(String routeKey, StoredMessage message, List<EnvelopeRecipient> recipients) {
        Route route = routes.byKey(routeKey);
        ContentHandling handling = dsn.beforeDelivery(route, message);
        if (handling instanceof ContentHandling.Drop drop) {
            return recipients.stream().map(r -> new RecipientOutcome(r.index(),
                    DeliveryPolicy.forNotSent("not sent: " + drop.why()), true)).toList();
        }
        StoredHeaders seen = new StoredHeaders();
        List<RecipientOutcome> outcomes = deliver(routeKey, route, message, recipients,
                handling instanceof ContentHandling.Replace replace ? replace.content() : null, seen);
        dsn.afterDelivery(route, message, recipients, outcomes, seen.section);
        return outcomes;
    }

    /** The stored header section as an SMTP attempt of this delivery read it, if one did. */
    private static final class StoredHeaders {
        HeaderSection section;
    }

    private List<RecipientOutcome> deliver(String routeKey, Route route, StoredMessage message,
            List<EnvelopeRecipient> recipients, byte[] replacement, StoredHeaders seen) {
        EnvelopeRewrite rewrite = rewriters.get(routeKey).rewrite(message.envelope().sender(), recipients);
        RewriteLog.log(message.id().value(), routeKey, message.envelope().sender(), rewrite);
        rewrite.deliverable().stream().filter(RecipientRewrite.Deliverable::changed)
                .filter(d -> route.rewrite() != null).forEach(d -> rewritten.accept(route.rewrite()));
        List<RecipientOutcome> out = new ArrayList<>();
        rewrite.refused().forEach(r -> out.add(new RecipientOutcome(r.received().index(),
                DeliveryPolicy.forRewriteRefusal(r.diagnostic()), false)));
        List<RecipientRewrite.Deliverable> deliverable = rewrite.deliverable();
        if (deliverable.isEmpty()) {
            return out;
        }
        if (route.transport() == Transport.PIPE) {
            out.addAll(pipe(route, rewriters.get(routeKey), message, rewrite, deliverable, replacement));
            return out;
        }
        if (route.relay().isMx()) {
            // MX hosts differ per domain: one transaction per (rewritten) recipient domain.
            Map<String, List<RecipientRewrite.Deliverable>> byDomain = new LinkedHashMap<>();
            for (RecipientRewrite.Deliverable r : deliverable) {
                String address = r.outbound().address();
                String domain = address.substring(address.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
                byDomain.computeIfAbsent(domain, d -> new ArrayList<>()).add(r);
            }
            byDomain.forEach((domain, group) -> out.addAll(send(hop(route, NextHop.mxOf(routeKey, domain, 25)),
                    message, rewrite, group, replacement, seen)));
            return out;
        }
        NextHop hop = hop(route, route.relay().literalIp()
                ? NextHop.ipLiteral(routeKey, route.relay().host(), route.relay().port())
                : NextHop.relayHost(routeKey, route.relay().host(), route.relay().port()));
        out.addAll(send(hop, message, rewrite, deliverable, replacement, seen));
        return out;
    }

    /** @param replacement what to send instead of the stored content (a converted report), or null */
    private List<RecipientOutcome> send(NextHop hop, StoredMessage message, EnvelopeRewrite rewrite,
            List<RecipientRewrite.Deliverable> recipients, byte[] replacement, StoredHeaders seen) {
        // ORCPT is the address as received (RFC 3461 §5.2.1); the SMTP client drops it for hops without DSN.
        List<OutboundRecipient> outbound = recipients.stream().map(RecipientRewrite.Deliverable::outbound).toList();
        var envelope = message.envelope();
        OutboundMessage out = new OutboundMessage(message.id().value(), rewrite.sender(), outbound, envelope.ret(),
                envelope.envid(), "8BITMIME".equals(envelope.body()) || replacement != null, envelope.smtputf8(),
                replacement == null ? message.contentSize() : replacement.length,
                replacement == null ? () -> spool.openContent(message) : MessageContent.ofBytes(replacement));
        HeaderTransform headers = rewrite.headers(recipients).andThen(HeaderTransform.forHop(hop));
        DeliveryResult result = smtp.deliver(hop, out, headers);
        if (replacement == null && result.storedHeaders() != null) {
            seen.section = result.storedHeaders();
        }
        List<RecipientOutcome> outcomes = new ArrayList<>();
        for (int i = 0; i < recipients.size(); i++) {
            RecipientResult r = result.recipients().get(i);
            outcomes.add(new RecipientOutcome(recipients.get(i).received().index(), r.status(), result.hopOffersDsn()));
        }
        return outcomes;
    }

    /**
     * A pipe route (e.g. torecvm): one run per recipient, or one per message with every
     * recipient, as the route says. The program is the final delivery agent; it makes its own
     * delivery reports, so no "relayed" notice is due (reported as a DSN-capable hop).
     */
    private List<RecipientOutcome> pipe(Route route, RouteRewriter rewriter, StoredMessage message,
            EnvelopeRewrite rewrite, List<RecipientRewrite.Deliverable> recipients, byte[] replacement) {
        Map<String, PipeCommand.Extension> extensions = new HashMap<>();
        recipients.forEach(d -> extensions.put(d.outbound().address(),
                rewriter.extension(d.received(), d.outbound().address())));
        PipeCommand command = new PipeCommand(route.pipeCommand()).withExtensions(extensions);
        MessageContent content = replacement == null ? () -> spool.openContent(message) : MessageContent.ofBytes(replacement);
        List<List<RecipientRewrite.Deliverable>> runs = route.pipePer() == PipePer.MESSAGE
                ? List.of(recipients) : recipients.stream().map(List::of).toList();
        List<RecipientOutcome> out = new ArrayList<>();
        for (List<RecipientRewrite.Deliverable> run : runs) {
            List<String> addresses = run.stream().map(d -> d.outbound().address()).toList();
            PipeTransport.Result result = pipe.deliver(command, rewrite.sender(), addresses, content,
                    route.pipeTimeout(), headers -> rewrite.rewriteHeaders(headers, run));
            run.forEach(d -> out.add(new RecipientOutcome(d.received().index(), result.status(), true)));
        }
        return out;
    }

    /** The route's own settings on a destination: final delivery, {@code tls}/{@code tls_verify}, connections. */
    private static NextHop hop(Route route, NextHop destination) {
        NextHop hop = destination.withTls(new NextHop.Tls(route.tls(), route.tlsVerify()))
                .withMaxConnections(route.maxConnections());
        return route.finalDelivery() ? hop.asFinalDelivery() : hop;
    }
}
