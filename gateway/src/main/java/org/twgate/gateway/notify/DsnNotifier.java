package org.twgate.gateway.notify;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToIntFunction;
import org.twgate.dsn.loop.HeaderBlock;
import org.twgate.dsn.loop.ReportDetector;
import org.twgate.dsn.loop.ReportVerdict;
import org.twgate.dsn.param.NotifyCondition;
import org.twgate.dsn.report.DsnReport;
import org.twgate.dsn.report.DsnWriter;
import org.twgate.dsn.report.PlainTextNoticeWriter;
import org.twgate.dsn.report.ReportHeaders;
import org.twgate.dsn.report.ReturnContent;
import org.twgate.gateway.queue.Notifier;
import org.twgate.gateway.spool.Spool;
import org.twgate.gateway.spool.StoredMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * RFC 3464 delivery status notifications for the queue's outcomes: {@code failed} and
 * {@code delayed} reports, and the {@code relayed} notice RFC 3461 §5.2.2 asks of the last
 * DSN-aware hop, handled per the route's {@code deliver_relayed_dsn} (0 report, 1 plain text
 * message, 2 nothing but a count). One report per message and outcome, covering all the
 * recipients whose NOTIFY asks for it; null sender, {@code Auto-Submitted: auto-replied}.
 * Never a report about a report: null-sender, {@code multipart/report} and auto-submitted
 * messages get none (the dsn module's {@link ReportDetector}).
 */
public final class DsnNotifier implements Notifier {
    private static final Logger LOG = LoggerFactory.getLogger(DsnNotifier.class);

    /** A route's {@code deliver_relayed_dsn}. */
    public static final int RELAYED_AS_REPORT = 0;
    public static final int RELAYED_AS_TEXT = 1;
    public static final int RELAYED_DISCARDED = 2;

    private final String hostname;
    private final Spool spool;
    private final LocalSubmission submission;
    private final Clock clock;
    private final Duration maxLifetime;
    private final ToIntFunction<String> relayedPolicy;
    private final DsnCounters counters;
    /** Largest original returned whole in a failure report (RET=FULL). */
    static final long FULL_RETURN_LIMIT = 1 << 20;

    private final OutcomeReports reports;

    /**
     * @param relayedPolicy a route key's {@code deliver_relayed_dsn}
     * @param maxLifetime   the queue lifetime, for a delay report's Will-Retry-Until
     */
    public DsnNotifier(String hostname, Spool spool, LocalSubmission submission, Clock clock, Duration maxLifetime,
            ToIntFunction<String> relayedPolicy, DsnCounters counters) {
        this.hostname = hostname;
        this.spool = spool;
        this.submission = submission;
        this.clock = clock;
        this.maxLifetime = maxLifetime;
        this.relayedPolicy = relayedPolicy;
        this.counters = counters;
        this.reports = new OutcomeReports(hostname);
    }

    @Override
    public void failed(StoredMessage message, List<FailedRecipient> recipients) throws IOException {
        List<FailedRecipient> wanted = recipients.stream()
                .filter(f -> DsnDuties.notify(f.recipient()).has(NotifyCondition.FAILURE)).toList();
        if (!wanted.isEmpty() && mayReportOn(message, "failed")) {
            queue(message, returnable(reports.failed(message.envelope(), wanted, clock.instant()), message), true);
        }
    }

    /**
     * RET=FULL up to {@link #FULL_RETURN_LIMIT}; beyond it only the header section goes back, and
     * the report says why. Reports are built in memory, so a 50 MB original would cost 50 MB (or
     * more) of heap per report; Postfix bounds its bounces the same way (bounce_size_limit).
     */
    static DsnReport returnable(DsnReport report, StoredMessage message) {
        if (report.returnContent() != ReturnContent.FULL || message.contentSize() <= FULL_RETURN_LIMIT) {
            return report;
        }
        String why = "The original message was " + message.contentSize() + " octets, more than the "
                + FULL_RETURN_LIMIT + " twgate returns whole: only its header section is attached.";
        return report.withReturnContent(ReturnContent.HEADERS)
                .withExplanation(report.explanation().map(e -> e + "\n\n" + why).orElse(why));
    }

    @Override
    public void delayed(StoredMessage message, List<DelayedRecipient> recipients) throws IOException {
        List<DelayedRecipient> wanted = recipients.stream()
                .filter(d -> DsnDuties.notify(d.recipient()).has(NotifyCondition.DELAY)).toList();
        if (!wanted.isEmpty() && mayReportOn(message, "delayed")) {
            Instant giveUp = message.envelope().arrival().plus(maxLifetime);
            queue(message, reports.delayed(message.envelope(), wanted, clock.instant(), giveUp), true);
        }
    }

    @Override
    public void relayed(StoredMessage message, List<RelayedRecipient> recipients) throws IOException {
        // Recipients of one message may leave by routes with different policies.
        Map<Integer, List<RelayedRecipient>> byPolicy = new TreeMap<>();
        for (RelayedRecipient r : recipients) {
            if (DsnDuties.notify(r.recipient()).has(NotifyCondition.SUCCESS)) {
                byPolicy.computeIfAbsent(relayedPolicy.applyAsInt(r.route()), p -> new ArrayList<>()).add(r);
            }
        }
        if (byPolicy.isEmpty() || !mayReportOn(message, "relayed")) {
            return;
        }
        for (Map.Entry<Integer, List<RelayedRecipient>> group : byPolicy.entrySet()) {
            List<RelayedRecipient> list = group.getValue();
            if (group.getKey() == RELAYED_DISCARDED) {
                counters.relayedNoticeDiscarded(list.size());
                LOG.info("queue_id={} event=dsn_discarded action=relayed policy=2 recipients={}", message.id(),
                        list.stream().map(r -> "<" + r.recipient().address() + ">").toList());
                continue;
            }
            queue(message, reports.relayed(message.envelope(), list, clock.instant()),
                    group.getKey() == RELAYED_AS_REPORT);
        }
    }

    /** Whether a report about {@code message} may be written at all: never about a report. */
    private boolean mayReportOn(StoredMessage message, String action) throws IOException {
        HeaderBlock headers;
        try (InputStream in = spool.openContent(message)) {
            headers = HeaderBlock.read(in);
        }
        ReportVerdict verdict = ReportDetector.classify(headers, message.envelope().sender());
        if (verdict.isReport()) {
            counters.reportSuppressed(org.twgate.dsn.status.Action.parse(action));
            LOG.info("queue_id={} event=dsn_suppressed action={} reason={}", message.id(), action, verdict);
            return false;
        }
        return true;
    }

    private void queue(StoredMessage message, DsnReport report, boolean asReport) throws IOException {
        String sender = message.envelope().sender();
        ReportHeaders headers = ReportHeaders.generate(hostname, "<" + sender + ">", clock);
        ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
        try (InputStream original = spool.openContent(message)) {
            if (asReport) {
                DsnWriter.write(report, headers, original, out);
            } else {
                PlainTextNoticeWriter.write(report, headers, original, out);
            }
        }
        var id = submission.submit("", sender, out.toByteArray());
        counters.reportQueued(report.headlineAction(), asReport, id);
        LOG.info("queue_id={} event=dsn_queued action={} form={} dsn_id={} to=<{}> recipients={}", message.id(),
                report.headlineAction().fieldValue(), asReport ? "report" : "text", id, sender,
                report.recipients().stream().map(r -> "<" + r.finalRecipient() + ">").toList());
    }
}
