package org.twgate.gateway.queue;

import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.twgate.gateway.outcome.DeliveryStatus;
import org.twgate.gateway.outcome.Reason;
import org.twgate.gateway.spool.EnvelopeRecipient;
import org.twgate.gateway.spool.StoredMessage;

/**
 * The queue's log lines, as a listener of its events: INFO normal flow, WARN "will retry",
 * ERROR "gave up" or "needs an operator". Logged under {@code DeliveryQueue}'s logger name, as
 * before the events existed, so logging configurations keep working.
 */
public final class DeliveryLog implements QueueListener {
    private static final Logger LOG = LoggerFactory.getLogger(DeliveryQueue.class);

    @Override
    public void recipientOutcome(StoredMessage message, EnvelopeRecipient r, String route, DeliveryStatus s,
            Duration took) {
        String remote = s.remoteMta() == null ? "-" : s.remoteMta();
        switch (s.result()) {
            case DELIVERED -> LOG.info("queue_id={} event=delivered rcpt=<{}> route={} relay={} status={} reason={}"
                    + " reply=\"{}\"", message.id(), r.address(), route, remote, s.status(), s.reason().label(),
                    s.diagnostic());
            case DEFERRED -> LOG.warn("queue_id={} event=deferred rcpt=<{}> route={} relay={} status={} reason={}"
                    + " reply=\"{}\"", message.id(), r.address(), route, remote, s.status(), s.reason().label(),
                    s.diagnostic());
            case FAILED -> LOG.error("queue_id={} event=failed rcpt=<{}> route={} relay={} status={} reason={}"
                    + " reply=\"{}\"", message.id(), r.address(), route, remote, s.status(), s.reason().label(),
                    s.diagnostic());
            default -> throw new IllegalStateException(s.result().name());
        }
    }

    @Override
    public void expired(StoredMessage message, EnvelopeRecipient r, String route, DeliveryStatus s) {
        LOG.error("queue_id={} event=expired rcpt=<{}> route={} status={} error=\"{}\"", message.id(), r.address(),
                route, s.status(), s.diagnostic());
    }

    @Override
    public void noticeNotQueued(StoredMessage message, String action, int recipients, Instant retry,
            Exception error) {
        if (retry == null) {
            LOG.error("queue_id={} event=notice_error action={} recipients={} error=\"{}\"", message.id(), action,
                    recipients, error.toString());
        } else {
            LOG.error("queue_id={} event=notice_error action={} recipients={} kept=until_notice_queued next={}"
                    + " error=\"{}\"", message.id(), action, recipients, retry, error.toString());
        }
    }

    @Override
    public void internalError(StoredMessage message, String route, RuntimeException error) {
        LOG.error("queue_id={} event=courier_error route={} error=\"{}\"", message.id(), route, error.toString(),
                error);
    }

    @Override
    public void held(StoredMessage message, Reason reason, int inARow) {
        LOG.error("queue_id={} event=held reason={} attempts_in_a_row={} action=\"twgate queue show, then release"
                + " or delete\"", message.id(), reason.label(), inARow);
    }
}
