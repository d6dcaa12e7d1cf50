package org.twgate.gateway.accept;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.twgate.config.syntax.Durations;

/**
 * The deadlines of one session, as Postfix's {@code smtpd_timeout} with per-request deadlines
 * and {@code smtpd_min_data_rate}: a whole command line must arrive within the command deadline
 * of the server being ready for it (a byte now and then does not keep a session open, unlike the
 * idle timeout); the message content may fall behind the minimum rate by at most the DATA
 * deadline (each octet moves the deadline on by {@code 1/minDataRate} s, never further than the
 * DATA deadline from now). No deadline runs while the server itself is busy (committing a message).
 *
 * <p>Event-loop confined. One timer per session at most: it fires at the earliest the running
 * deadline can pass, and sets itself again when the deadline moved on meanwhile.
 */
final class SessionDeadlines {
    /** Told once, on the event loop, when a deadline has passed. */
    interface Expiry {
        void expired(SessionClosure reason, Reply reply);
    }

    private final long commandNanos;
    private final long dataNanos;
    private final long minDataRate;
    private final Deadlines limits;
    private final String hostname;
    private final EventExecutor executor;
    private final Expiry expiry;
    private SessionClosure running;
    private long deadline;
    private ScheduledFuture<?> timer;
    private long timerAt;

    SessionDeadlines(Deadlines limits, String hostname, EventExecutor executor, Expiry expiry) {
        this.limits = limits;
        this.commandNanos = limits.command().toNanos();
        this.dataNanos = limits.data().toNanos();
        this.minDataRate = limits.minDataRate();
        this.hostname = hostname;
        this.executor = executor;
        this.expiry = expiry;
    }

    /** The server is ready for a command line (after the banner, a line, the reply to the end of data). */
    void awaitCommand() {
        start(SessionClosure.COMMAND_DEADLINE, commandNanos);
    }

    /** The server answered {@code 354}: the message content is due. */
    void awaitData() {
        start(SessionClosure.DATA_DEADLINE, dataNanos);
    }

    /** {@code octets} of message content arrived. */
    void received(long octets) {
        if (running == SessionClosure.DATA_DEADLINE && minDataRate > 0 && octets > 0) {
            long now = System.nanoTime();
            long credit = octets >= Long.MAX_VALUE / 1_000_000_000L ? dataNanos : octets * 1_000_000_000L / minDataRate;
            deadline = Math.min(now + dataNanos, deadline + credit);
        }
    }

    /** The server is busy (the message is being committed); no deadline runs. */
    void pause() {
        running = null;
    }

    /** The session is over. */
    void cancel() {
        running = null;
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    private void start(SessionClosure kind, long nanos) {
        if (nanos <= 0) {
            running = null;
            return;
        }
        running = kind;
        deadline = System.nanoTime() + nanos;
        if (timer != null && timerAt - deadline > 0) {
            timer.cancel(false); // set for a later deadline than this one
            timer = null;
        }
        if (timer == null) {
            schedule(nanos);
        }
    }

    private void schedule(long nanos) {
        timerAt = System.nanoTime() + nanos;
        timer = executor.schedule(this::check, nanos, TimeUnit.NANOSECONDS);
    }

    private void check() {
        timer = null;
        if (running == null) {
            return;
        }
        long left = deadline - System.nanoTime();
        if (left > 0) {
            schedule(left);
            return;
        }
        SessionClosure reason = running;
        running = null;
        expiry.expired(reason, reason == SessionClosure.COMMAND_DEADLINE
                ? AcceptReplies.commandDeadline(hostname, Durations.format(limits.command()))
                : AcceptReplies.dataDeadline(hostname, minDataRate, Durations.format(limits.data())));
    }
}
