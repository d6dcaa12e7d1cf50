package org.twgate.gateway.deliver;

import java.io.Closeable;
import java.util.concurrent.ScheduledFuture;
import org.twgate.gateway.outcome.DeliveryPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The deliver stage's entry point: one call delivers one message to one hop over a pooled
 * session and says what became of each recipient. Safe to call from many threads; each
 * call blocks its thread for the whole transaction.
 */
public final class SmtpTransport implements Closeable {

    private static final Logger LOG = LoggerFactory.getLogger(SmtpTransport.class);

    private final SmtpClientConfig config;
    private final SmtpClient client;
    private final SmtpConnectionPool pool;

    public SmtpTransport(SmtpClientConfig config, MxResolver mxResolver) {
        this.config = config;
        this.client = new SmtpClient(config, mxResolver);
        this.pool = new SmtpConnectionPool(config);
    }

    /** Delivers with the hop's own header transforms (Return-Path on a final delivery). */
    public DeliveryResult deliver(NextHop hop, OutboundMessage message) {
        return deliver(hop, message, HeaderTransform.forHop(hop));
    }

    /**
     * Delivers with {@code transform} applied to the header section; callers that rewrite
     * headers pass {@code rewrite.andThen(HeaderTransform.forHop(hop))}.
     */
    public DeliveryResult deliver(NextHop hop, OutboundMessage message, HeaderTransform transform) {
        SmtpConnectionPool.Lease lease;
        try {
            lease = pool.acquire(hop);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return logged(hop, DeliveryResult.all(message, DeliveryPolicy.forInterruption(
                    "4.3.0 interrupted while waiting for a connection to " + hop), null));
        }
        if (lease == null) {
            return logged(hop, DeliveryResult.all(message, DeliveryPolicy.forBusyHop(
                    "4.4.5 all " + hop.maxConnections() + " connections to " + hop + " stayed busy for "
                            + org.twgate.config.syntax.Durations.format(config.acquireTimeout())), null));
        }
        SmtpConnection connection = lease.idleConnection();
        try {
            if (connection != null && connection.dirty() && !connection.reset()) {
                connection.abort();
                connection = null;
            }
            boolean reused = connection != null;
            if (!reused) {
                SessionOpening opening = client.open(hop);
                if (opening instanceof SessionOpening.NotOpened refused) {
                    return logged(hop, DeliveryResult.all(message, refused.status(), refused.reply()));
                }
                connection = ((SessionOpening.Opened) opening).connection();
            }
            MailTransaction.Attempt attempt = attempt(connection, hop, message, transform);
            if (reused && attempt.staleSession()) {
                // The server dropped the idle session before we noticed: one fresh try.
                LOG.debug("{}: reused session with {} was stale, reconnecting", message.queueId(),
                        connection.remoteMta());
                connection.abort();
                connection = null;
                SessionOpening opening = client.open(hop);
                if (opening instanceof SessionOpening.NotOpened refused) {
                    return logged(hop, DeliveryResult.all(message, refused.status(), refused.reply()));
                }
                connection = ((SessionOpening.Opened) opening).connection();
                attempt = attempt(connection, hop, message, transform);
            }
            return logged(hop, attempt.result());
        } finally {
            lease.release(connection);
        }
    }

    private MailTransaction.Attempt attempt(SmtpConnection connection, NextHop hop, OutboundMessage message,
                                            HeaderTransform transform) {
        ScheduledFuture<?> deadline = pool.deadline(connection);
        try {
            return new MailTransaction(connection, config, hop, message, transform).run();
        } finally {
            if (deadline != null) {
                deadline.cancel(false);
            }
        }
    }

    /** The queue logs each outcome with its route at INFO/WARN/ERROR; here only for debugging the client. */
    private static DeliveryResult logged(NextHop hop, DeliveryResult result) {
        if (LOG.isDebugEnabled()) {
            for (RecipientResult r : result.recipients()) {
                LOG.debug("queue_id={} event=transaction_result rcpt=<{}> hop={} outcome={} status={} reason={}"
                        + " diagnostic=\"{}\"", result.queueId(), r.recipient().address(), hop.name(),
                        r.outcome().label(), r.status().status(), r.status().reason().label(), r.diagnostic());
            }
        }
        return result;
    }

    /** Waiting callers for {@code hop}; for tests and metrics. */
    public int waiting(NextHop hop) {
        return pool.waiting(hop);
    }

    /** Idle sessions kept for {@code hop}; for tests and metrics. */
    public int idle(NextHop hop) {
        return pool.idle(hop);
    }

    /** Timer tasks the connection pool holds (idle sweep, deadlines of transactions in progress): for tests. */
    int timersHeld() {
        return pool.timersHeld();
    }

    /** Outbound SMTP sessions in use now, by route key (routes with none are left out). */
    public java.util.Map<String, Integer> connectionsInUse() {
        return pool.inUseByHopName();
    }

    /** Next hops the connection pool keeps an entry for (unused ones are forgotten): for tests. */
    int hopsHeld() {
        return pool.hopsHeld();
    }

    /** Closes every pooled session (QUIT) and stops the pool's thread. */
    @Override
    public void close() {
        pool.close();
    }
}
