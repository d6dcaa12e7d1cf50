package org.twgate.gateway.notify;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.twgate.config.route.Route;
import org.twgate.dsn.loop.HeaderBlock;
import org.twgate.gateway.deliver.HeaderSection;
import org.twgate.gateway.queue.RecipientOutcome;
import org.twgate.gateway.spool.EnvelopeRecipient;
import org.twgate.gateway.spool.Spool;
import org.twgate.gateway.spool.StoredMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the route courier asks of notify around one delivery: before it, what to send on a
 * final route ({@link FinalRouteReports}); after it, a record of what was relayed to a
 * non-final route ({@link RelayedMessages}) so a later qmail bounce can be matched.
 */
public final class RouteDsnHooks {
    private static final Logger LOG = LoggerFactory.getLogger(RouteDsnHooks.class);

    /** No conversions and no record: for tests and tools. */
    public static final RouteDsnHooks NONE = new RouteDsnHooks(null, null, null);

    private final Spool spool;
    private final FinalRouteReports reports;
    private final RelayedMessages relayed;

    public RouteDsnHooks(Spool spool, FinalRouteReports reports, RelayedMessages relayed) {
        this.spool = spool;
        this.reports = reports;
        this.relayed = relayed;
    }

    public ContentHandling beforeDelivery(Route route, StoredMessage message) {
        return reports == null ? ContentHandling.PASS : reports.handle(route, message);
    }

    /**
     * Records a message some of whose recipients a non-final route accepted. Never throws.
     *
     * @param storedHeaders the stored message's header section if the delivery read it (its
     *        Message-ID is taken from there), or null: the spool file is read for it
     */
    public void afterDelivery(Route route, StoredMessage message, List<EnvelopeRecipient> recipients,
            List<RecipientOutcome> outcomes, HeaderSection storedHeaders) {
        if (relayed == null || route.finalDelivery() || message.envelope().hasNullSender()) {
            return;
        }
        Map<String, String> orcpts = new LinkedHashMap<>();
        Map<String, String> notifies = new LinkedHashMap<>();
        for (EnvelopeRecipient r : recipients) {
            boolean accepted = outcomes.stream().anyMatch(o -> o.recipient() == r.index()
                    && o.status().delivered());
            if (accepted) {
                orcpts.put(r.address(), DsnDuties.orcptToPassOn(r));
                if (r.dsnNotify() != null) {
                    notifies.put(r.address(), r.dsnNotify());
                }
            }
        }
        if (orcpts.isEmpty()) {
            return;
        }
        try {
            Optional<String> messageId;
            if (storedHeaders != null) {
                messageId = storedHeaders.first("Message-ID");
            } else {
                try (InputStream in = spool.openContent(message)) {
                    messageId = HeaderBlock.readFirst(in, "Message-ID");
                }
            }
            if (messageId.isPresent()) {
                relayed.record(messageId.get(), message.envelope().envid(), orcpts, notifies);
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("queue_id={} event=relay_record_error error=\"{}\"", message.id(), e.toString());
        }
    }
}
