package org.twgate.gateway.route;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.twgate.config.rewrite.RewriteConfig;
import org.twgate.config.route.Route;
import org.twgate.config.route.Transport;
import org.twgate.gateway.deliver.DeliveryResult;
import org.twgate.gateway.deliver.HeaderTransform;
import org.twgate.gateway.deliver.NextHop;
import org.twgate.gateway.deliver.OutboundMessage;
import org.twgate.gateway.deliver.OutboundRecipient;
import org.twgate.gateway.deliver.RecipientResult;
import org.twgate.gateway.deliver.SmtpTransport;
import org.twgate.gateway.deliver.TlsMode;
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
 * Delivers a spooled message over the route the queue chose, through the SMTP transport,
 * after the route's rewriting (envelope and headers; recipients it cannot rewrite fail here).
 */
public final class RouteCourier implements Courier {
    private final ConfiguredRouter router;
    private final SmtpTransport smtp;
    private final Spool spool;
    private final RewriteConfig rewriteConfig;
    private final Map<String, RouteRewriter> rewriters = new ConcurrentHashMap<>();

    public RouteCourier(ConfiguredRouter router, SmtpTransport smtp, Spool spool) {
        this(router, smtp, spool, RewriteConfig.none());
    }

    public RouteCourier(ConfiguredRouter router, SmtpTransport smtp, Spool spool, RewriteConfig rewriteConfig) {
        this.router = router;
        this.smtp = smtp;
        this.spool = spool;
        this.rewriteConfig = rewriteConfig;
    }

    @Override
    public List<RecipientOutcome> deliver(String routeKey, StoredMessage message, List<EnvelopeRecipient> recipients) {
        Route route = router.byKey(routeKey);
        if (route.transport() == Transport.PIPE) {
            List<RecipientOutcome> out = new ArrayList<>();
            recipients.forEach(r -> out.add(RecipientOutcome.deferred(r.index(),
                    "local configuration: pipe transport of route " + routeKey + " is not available in this version")));
            return out;
        }
        EnvelopeRewrite rewrite = rewriters.computeIfAbsent(routeKey, k -> RouteRewriter.of(route, rewriteConfig))
                .rewrite(message.envelope().sender(), recipients);
        RewriteLog.log(message.id().value(), routeKey, message.envelope().sender(), rewrite);
        List<RecipientOutcome> out = new ArrayList<>();
        rewrite.refused().forEach(r -> out.add(new RecipientOutcome(r.received().index(),
                RecipientOutcome.Result.FAILED, r.diagnostic(), null)));
        List<RecipientRewrite.Deliverable> deliverable = rewrite.deliverable();
        if (deliverable.isEmpty()) {
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
            byDomain.forEach((domain, group) -> out.addAll(send(
                    new NextHop(routeKey, domain, 25, false, true, route.finalDelivery(), TlsMode.NONE,
                            route.maxConnections()), message, rewrite, group)));
            return out;
        }
        NextHop hop = new NextHop(routeKey, route.relay().host(), route.relay().port(), route.relay().literalIp(), false,
                route.finalDelivery(), TlsMode.NONE, route.maxConnections());
        out.addAll(send(hop, message, rewrite, deliverable));
        return out;
    }

    private List<RecipientOutcome> send(NextHop hop, StoredMessage message, EnvelopeRewrite rewrite,
                                        List<RecipientRewrite.Deliverable> recipients) {
        List<OutboundRecipient> outbound = recipients.stream().map(RecipientRewrite.Deliverable::outbound).toList();
        var envelope = message.envelope();
        OutboundMessage out = new OutboundMessage(message.id().value(), rewrite.sender(), outbound, envelope.ret(),
                envelope.envid(), "8BITMIME".equals(envelope.body()), envelope.smtputf8(), message.contentSize(),
                () -> spool.openContent(message));
        HeaderTransform headers = rewrite.headers(recipients).andThen(HeaderTransform.forHop(hop));
        DeliveryResult result = smtp.deliver(hop, out, headers);
        List<RecipientOutcome> outcomes = new ArrayList<>();
        for (int i = 0; i < recipients.size(); i++) {
            RecipientResult r = result.recipients().get(i);
            outcomes.add(new RecipientOutcome(recipients.get(i).received().index(), switch (r.outcome()) {
                case DELIVERED -> RecipientOutcome.Result.DELIVERED;
                case DEFERRED -> RecipientOutcome.Result.DEFERRED;
                case FAILED -> RecipientOutcome.Result.FAILED;
            }, r.diagnostic(), r.remoteMta()));
        }
        return outcomes;
    }
}
