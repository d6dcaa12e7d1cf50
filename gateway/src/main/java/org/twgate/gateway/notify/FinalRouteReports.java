package org.twgate.gateway.notify;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;
import org.twgate.config.route.Route;
import org.twgate.dsn.loop.HeaderBlock;
import org.twgate.dsn.qsbmf.QmailBounce;
import org.twgate.dsn.qsbmf.QsbmfConverter;
import org.twgate.dsn.qsbmf.QsbmfParser;
import org.twgate.dsn.report.DsnReport;
import org.twgate.dsn.report.DsnWriter;
import org.twgate.dsn.report.PlainTextNoticeWriter;
import org.twgate.dsn.report.ReportHeaders;
import org.twgate.gateway.spool.Spool;
import org.twgate.gateway.spool.StoredMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reports arriving from elsewhere, decided at delivery time on a final route (the connector):
 * <ul>
 * <li>a relayed-only RFC 3464 report follows the route's {@code deliver_relayed_dsn} exactly as
 * twgate's own would: 0 passes as a report, 1 becomes a plain text message, 2 is dropped
 * (counted);</li>
 * <li>a null-sender qmail bounce (QSBMF) becomes an RFC 3464 report with one {@code failed}
 * section per recipient paragraph, the bounce text kept whole, ENVID and ORCPT restored from
 * {@link RelayedMessages} when twgate relayed the original (route key
 * {@code convert_qmail_bounces}, on by default). A recipient the original was relayed with a
 * NOTIFY leaving out FAILURE ({@code NEVER}, {@code SUCCESS}, {@code DELAY}) gets no section
 * (RFC 3461 §4.1); a bounce with no recipient left is dropped and counted as suppressed.</li>
 * </ul>
 * Anything else, or anything it cannot read, passes unchanged: conversion is never a reason to
 * hold back or lose a message.
 */
public final class FinalRouteReports {
    private static final Logger LOG = LoggerFactory.getLogger(FinalRouteReports.class);
    /**
     * Reports and qmail bounces are small (qmail cuts its copy at bouncemaxbytes, 50 kB): bigger
     * passes as it is. A conversion holds the message two or three times on the heap (octets,
     * text, the new report) on a delivery thread, so this bounds it to a few MiB of the 32 MiB
     * default heap, not a multiple of it.
     */
    static final int MAX_CONVERTED = 1 << 20;

    private final String hostname;
    private final Spool spool;
    private final RelayedMessages relayed;
    private final Clock clock;
    private final DsnCounters counters;

    public FinalRouteReports(String hostname, Spool spool, RelayedMessages relayed, Clock clock, DsnCounters counters) {
        this.hostname = hostname;
        this.spool = spool;
        this.relayed = relayed;
        this.clock = clock;
        this.counters = counters;
    }

    public ContentHandling handle(Route route, StoredMessage message) {
        if (!route.finalDelivery() || message.contentSize() > MAX_CONVERTED) {
            return ContentHandling.PASS;
        }
        try {
            if (!mayBeAReport(route, message)) {
                return ContentHandling.PASS; // the common case: nothing read beyond the header block
            }
            byte[] content;
            try (InputStream in = spool.openContent(message)) {
                content = in.readAllBytes();
            }
            Optional<ArrivingReport> report = ArrivingReport.read(new String(content, StandardCharsets.ISO_8859_1));
            if (report.isPresent() && report.get().relayedOnly()) {
                return relayedReport(route, message, report.get());
            }
            if (route.convertQmailBounces() && message.envelope().hasNullSender()) {
                Optional<QmailBounce> bounce = QsbmfParser.parse(new ByteArrayInputStream(content));
                if (bounce.isPresent() && !bounce.get().recipients().isEmpty()) {
                    return convertWanted(message, content, bounce.get());
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("queue_id={} event=report_conversion_error route={} error=\"{}\"; delivering as is",
                    message.id(), route.name(), e.toString());
        }
        return ContentHandling.PASS;
    }

    /** A report says so in its Content-Type; a qmail bounce comes from the null sender. */
    private boolean mayBeAReport(Route route, StoredMessage message) throws IOException {
        if (route.convertQmailBounces() && message.envelope().hasNullSender()) {
            return true;
        }
        try (InputStream in = spool.openContent(message)) {
            return HeaderBlock.read(in).first("Content-Type")
                    .map(t -> t.strip().toLowerCase(java.util.Locale.ROOT).startsWith("multipart/report")).orElse(false);
        }
    }

    private ContentHandling relayedReport(Route route, StoredMessage message, ArrivingReport report)
            throws IOException {
        return switch (route.deliverRelayedDsn()) {
            case DsnNotifier.RELAYED_AS_TEXT -> {
                counters.arrivingRelayedReportConverted();
                yield new ContentHandling.Replace(asText(message, report),
                        "relayed-only report converted to text (deliver_relayed_dsn=1)");
            }
            case DsnNotifier.RELAYED_DISCARDED -> {
                counters.arrivingRelayedReportDiscarded();
                yield new ContentHandling.Drop("relayed-only report discarded (deliver_relayed_dsn=2)");
            }
            default -> ContentHandling.PASS;
        };
    }

    private byte[] asText(StoredMessage message, ArrivingReport arriving) throws IOException {
        DsnReport report = ReportFacts.of(arriving, hostname);
        ReportHeaders headers = headersLike(arriving.headers(), message);
        ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
        byte[] returned = arriving.returnedHeaders().orElse("").getBytes(StandardCharsets.ISO_8859_1);
        out.write(trace(arriving.headers()));
        PlainTextNoticeWriter.write(report, headers, new ByteArrayInputStream(returned), out);
        return out.toByteArray();
    }

    /** Converts the recipients whose NOTIFY asks for a failure report; drops a bounce with none. */
    private ContentHandling convertWanted(StoredMessage message, byte[] content, QmailBounce bounce)
            throws IOException {
        Optional<String> originalId = HeaderBlock.read(bounce.openOriginal(new ByteArrayInputStream(content)))
                .first("Message-ID");
        Optional<RelayedMessages.Relayed> record = originalId.flatMap(relayed::find);
        java.util.List<org.twgate.dsn.qsbmf.QmailBounceRecipient> wanted = bounce.recipients().stream()
                .filter(r -> record.flatMap(rec -> rec.notify(r.address())).map(FinalRouteReports::wantsFailure)
                        .orElse(true))
                .toList();
        if (wanted.isEmpty()) {
            counters.reportSuppressed(org.twgate.dsn.status.Action.FAILED);
            LOG.info("queue_id={} event=qmail_bounce_suppressed original_message_id={} recipients={} "
                    + "reason=notify_without_failure", message.id(), originalId.orElse("-"), bounce.recipients().size());
            return new ContentHandling.Drop("qmail bounce about recipients relayed with a NOTIFY without FAILURE"
                    + " (RFC 3461 §4.1: no failure report)");
        }
        QmailBounce kept = new QmailBounce(bounce.reportingHost(), bounce.text(), wanted, bounce.original(),
                bounce.originalOffset());
        counters.qmailBounceConverted();
        return new ContentHandling.Replace(convert(message, content, kept, originalId, record),
                "qmail bounce converted to an RFC 3464 report");
    }

    /** RFC 3461 §4.1: a failure report only when NOTIFY has FAILURE (no NOTIFY at all means FAILURE,DELAY). */
    private static boolean wantsFailure(String notify) {
        try {
            return org.twgate.dsn.param.Notify.parse(notify).has(org.twgate.dsn.param.NotifyCondition.FAILURE);
        } catch (org.twgate.dsn.param.SmtpArgumentException e) {
            return true;
        }
    }

    private byte[] convert(StoredMessage message, byte[] content, QmailBounce bounce, Optional<String> originalId,
            Optional<RelayedMessages.Relayed> record) throws IOException {
        HeaderBlock bounceHeaders = HeaderBlock.read(new ByteArrayInputStream(content));
        DsnReport report = QsbmfConverter.convert(bounce, hostname, ReportFacts.recovered(record));
        ReportHeaders headers = headersLike(bounceHeaders, message);
        ByteArrayOutputStream out = new ByteArrayOutputStream(content.length + 4096);
        out.write(trace(bounceHeaders));
        DsnWriter.write(report, headers, bounce.openOriginal(new ByteArrayInputStream(content)), out);
        LOG.info("queue_id={} event=qmail_bounce_converted original_message_id={} recovered={} recipients={}",
                message.id(), originalId.orElse("-"), record.isPresent(), report.recipients().size());
        return out.toByteArray();
    }

    /** The new message keeps the From, To and Message-ID of what it replaces, when it had them. */
    private ReportHeaders headersLike(HeaderBlock original, StoredMessage message) {
        String to = original.first("To").orElse("<" + message.envelope().recipient(0).address() + ">");
        ReportHeaders fresh = ReportHeaders.generate(hostname, to, clock);
        return new ReportHeaders(original.first("From").orElse(fresh.from()), to,
                original.first("Message-ID").orElse(fresh.messageId()), fresh.date(), fresh.boundary());
    }

    /** The trace fields of what is replaced (Received:), so the path stays visible. */
    private static byte[] trace(HeaderBlock headers) {
        StringBuilder sb = new StringBuilder();
        headers.fields().stream().filter(f -> f.name().equalsIgnoreCase("Received"))
                .forEach(f -> sb.append("Received: ").append(f.value()).append("\r\n"));
        return sb.toString().getBytes(StandardCharsets.ISO_8859_1);
    }
}
