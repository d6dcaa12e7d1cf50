package org.twgate.gateway.status;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.twgate.dsn.status.Action;
import org.twgate.gateway.health.Check;
import org.twgate.gateway.metrics.DsnDisposition;
import org.twgate.gateway.queue.QueueSnapshot;

/**
 * The HTML of {@code GET /}: every fact in server-rendered tables, so the page is whole with
 * JavaScript off; the script ({@code status.js}) only draws the charts and swaps the sections
 * marked {@code data-live} for fresh ones every few seconds. Every text that came from outside
 * (addresses, replies, reasons) goes through {@link #text}; subjects are never shown. The page
 * links only same-origin assets and holds no inline script or style, as the endpoint's
 * Content-Security-Policy demands.
 */
public final class StatusPage {
    /** Seconds between refreshes: the script's in-place swap, or the whole page without script. */
    public static final int REFRESH_SECONDS = 5;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);

    private StatusPage() {
    }

    public static String html(StatusView v) {
        StringBuilder out = new StringBuilder(16_384);
        Instant now = v.recorded().now();
        out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>twgate status: ").append(text(v.hostname())).append("</title>\n")
                .append("<noscript><meta http-equiv=\"refresh\" content=\"").append(REFRESH_SECONDS * 3)
                .append("\"></noscript>\n")
                .append("<link rel=\"icon\" href=\"").append(StatusAssets.ICON).append("\">\n")
                .append("<link rel=\"stylesheet\" href=\"").append(StatusAssets.UPLOT_CSS).append("\">\n")
                .append("<link rel=\"stylesheet\" href=\"").append(StatusAssets.PAGE_CSS).append("\">\n")
                .append("<script src=\"").append(StatusAssets.UPLOT_JS).append("\" defer></script>\n")
                .append("<script src=\"").append(StatusAssets.PAGE_JS).append("\" defer></script>\n")
                .append("</head>\n<body data-refresh=\"").append(REFRESH_SECONDS).append("\">\n");
        out.append("<header><h1>twgate on ").append(text(v.hostname())).append("</h1>\n");
        summary(out, v);
        out.append("</header>\n<main>\n");
        queue(out, v.queue(), now);
        routes(out, v, now);
        charts(out, v);
        events(out, v.recorded().events(), now);
        health(out, v);
        out.append("</main>\n<footer>Read-only: queue actions are <code>twgate queue …</code> on the host. ")
                .append("Figures from twgate's memory since its start (the last hour, the last ")
                .append(StatusRecorder.EVENTS).append(" events); machine-readable: <a href=\"status.json\">status.json</a>.")
                .append("</footer>\n</body>\n</html>\n");
        return out.toString();
    }

    private static void summary(StringBuilder out, StatusView v) {
        QueueSnapshot q = v.queue();
        out.append("<p id=\"summary\" data-live>")
                .append(v.health().ready() ? "<span class=\"ok\">ready</span>" : "<span class=\"bad\">not ready</span>")
                .append(" · ").append(q.waiting().messages()).append(q.waiting().messages() == 1 ? " message" : " messages")
                .append(" queued")
                .append(" · generated <time datetime=\"").append(v.recorded().now()).append("\">")
                .append(TIME.format(v.recorded().now())).append("</time>")
                .append("<span id=\"stale\"></span></p>\n");
    }

    private static void queue(StringBuilder out, QueueSnapshot q, Instant now) {
        out.append("<section id=\"queue\" data-live>\n<h2>Queue</h2>\n")
                .append("<table id=\"queue-totals\"><thead><tr><th></th><th>messages</th><th>recipients</th></tr></thead><tbody>\n")
                .append("<tr><th>waiting</th><td>").append(q.waiting().messages()).append("</td><td>")
                .append(q.waiting().recipients()).append("</td></tr>\n")
                .append("<tr><th>held</th><td>").append(q.held().messages()).append("</td><td>")
                .append(q.held().recipients()).append("</td></tr>\n")
                .append("<tr><th>oldest</th><td colspan=\"2\">")
                .append(q.oldestArrival().map(a -> age(a, now)).orElse("-")).append("</td></tr>\n")
                .append("<tr><th>attempts under way</th><td colspan=\"2\">").append(q.attemptsUnderWay())
                .append("</td></tr>\n</tbody></table>\n");
        out.append("<h3>Waiting per route</h3>\n<table id=\"queue-routes\"><thead><tr><th>route</th><th>messages</th>")
                .append("<th>recipients</th><th>held</th><th>oldest</th></tr></thead><tbody>\n");
        if (q.routes().isEmpty()) {
            out.append("<tr><td colspan=\"5\">nothing waits</td></tr>\n");
        }
        q.routes().forEach((route, r) -> out.append("<tr><td>").append(text(route)).append("</td><td>")
                .append(r.messages()).append("</td><td>").append(r.recipients()).append("</td><td>")
                .append(r.heldMessages()).append("</td><td>").append(r.oldestArrival().map(a -> age(a, now)).orElse("-"))
                .append("</td></tr>\n"));
        out.append("</tbody></table>\n<h3>Oldest deferred recipients</h3>\n<table id=\"deferred\"><thead><tr>")
                .append("<th>queue id</th><th>age</th><th>next attempt</th><th>attempts</th><th>route</th>")
                .append("<th>sender</th><th>recipient</th><th>last reply</th></tr></thead><tbody>\n");
        if (q.oldestDeferred().isEmpty()) {
            out.append("<tr><td colspan=\"8\">no recipient is deferred</td></tr>\n");
        }
        for (QueueSnapshot.Deferred d : q.oldestDeferred()) {
            out.append("<tr><td class=\"id\">").append(text(d.id().value())).append("</td><td>")
                    .append(age(d.arrival(), now)).append("</td><td>")
                    .append(d.held() ? "held" : d.nextAttempt() == null ? "now" : until(d.nextAttempt(), now))
                    .append("</td><td>").append(d.attempts()).append("</td><td>").append(text(d.route()))
                    .append("</td><td class=\"addr\">").append(text(sender(d.sender()))).append("</td><td class=\"addr\">")
                    .append(text(d.recipient())).append("</td><td class=\"reply\">").append(text(d.lastReply()))
                    .append("</td></tr>\n");
        }
        out.append("</tbody></table>\n</section>\n");
    }

    private static void routes(StringBuilder out, StatusView v, Instant now) {
        out.append("<section id=\"routes\" data-live>\n<h2>Routes</h2>\n<table id=\"route-table\"><thead><tr>")
                .append("<th>route</th><th>next hop</th><th>TLS</th><th>sessions in use</th>")
                .append("<th>delivered / deferred / failed, last hour</th><th>last success</th><th>last failure</th>")
                .append("</tr></thead><tbody>\n");
        for (StatusView.RouteView r : v.routes()) {
            StatusRecorder.RouteFigures f = r.figures();
            out.append("<tr><td>").append(text(r.key())).append(r.finalDelivery() ? " <small>(final)</small>" : "")
                    .append("</td><td>").append(text(r.nextHop())).append("</td><td>").append(text(r.tls()))
                    .append("</td><td>").append(r.connectionsInUse()).append("</td><td>");
            if (f == null) {
                out.append("0 / 0 / 0</td><td>-</td><td>-</td></tr>\n");
                continue;
            }
            out.append(f.delivered()).append(" / ").append(f.deferred()).append(" / ").append(f.failed())
                    .append("</td><td class=\"reply\">");
            when(out, f.lastSuccess(), null, f.lastSuccessReply(), now);
            out.append("</td><td class=\"reply\">");
            when(out, f.lastFailure(), f.lastFailureKind() == null ? null : f.lastFailureKind().label(),
                    f.lastFailureReply(), now);
            out.append("</td></tr>\n");
        }
        out.append("</tbody></table>\n</section>\n");
    }

    private static void when(StringBuilder out, Instant at, String kind, String reply, Instant now) {
        if (at == null) {
            out.append('-');
            return;
        }
        out.append("<time datetime=\"").append(at).append("\">").append(age(at, now)).append(" ago</time>")
                .append(kind == null ? "" : " (" + kind + ")").append(": ").append(text(reply));
    }

    private static void charts(StringBuilder out, StatusView v) {
        out.append("<section id=\"charts\">\n<h2>Last hour, per minute</h2>\n")
                .append("<p class=\"hint\">The charts need JavaScript; the figures are in the table below them.</p>\n")
                .append("<div class=\"chart\" id=\"chart-messages\" data-title=\"Messages and recipients\"></div>\n")
                .append("<div class=\"chart\" id=\"chart-dsns\" data-title=\"DSNs by action and policy\"></div>\n")
                .append("<div class=\"chart\" id=\"chart-queue\" data-title=\"Queue size (messages)\"></div>\n");
        List<StatusRecorder.MinuteFigures> hour = v.recorded().hour();
        out.append("<details id=\"minutes\" data-live><summary>The figures (minutes with any)</summary>\n")
                .append("<table><thead><tr><th>minute</th><th>accepted</th><th>delivered</th><th>deferred</th>")
                .append("<th>failed</th><th>refused</th><th>DSNs</th><th>queue</th></tr></thead><tbody>\n");
        for (int i = hour.size() - 1; i >= 0; i--) {
            StatusRecorder.MinuteFigures m = hour.get(i);
            int dsns = java.util.Arrays.stream(m.dsn()).sum();
            if (m.accepted() + m.delivered() + m.deferred() + m.failed() + m.refused() + dsns == 0) {
                continue;
            }
            out.append("<tr><td>").append(MINUTE.format(m.start())).append("</td><td>").append(m.accepted())
                    .append("</td><td>").append(m.delivered()).append("</td><td>").append(m.deferred())
                    .append("</td><td>").append(m.failed()).append("</td><td>").append(m.refused()).append("</td><td>");
            String sep = "";
            for (Action a : Action.values()) {
                for (DsnDisposition d : DsnDisposition.values()) {
                    int n = m.dsn(a, d);
                    if (n > 0) {
                        out.append(sep).append(a.fieldValue()).append(' ').append(d.label()).append(": ").append(n);
                        sep = ", ";
                    }
                }
            }
            out.append("</td><td>").append(m.queue() == null ? "-" : m.queue().toString()).append("</td></tr>\n");
        }
        out.append("</tbody></table>\n</details>\n</section>\n");
    }

    private static void events(StringBuilder out, List<StatusRecorder.StatusEvent> events, Instant now) {
        out.append("<section id=\"events\" data-live>\n<h2>Last events</h2>\n<table id=\"event-table\"><thead><tr>")
                .append("<th>time</th><th>event</th><th>queue id</th><th>route</th><th>address</th><th>detail</th>")
                .append("</tr></thead><tbody>\n");
        if (events.isEmpty()) {
            out.append("<tr><td colspan=\"6\">nothing since the start</td></tr>\n");
        }
        for (StatusRecorder.StatusEvent e : events) {
            out.append("<tr class=\"").append(e.kind().label()).append("\"><td><time datetime=\"").append(e.time())
                    .append("\">").append(TIME.format(e.time())).append("</time></td><td>").append(e.kind().label())
                    .append("</td><td class=\"id\">").append(e.queueId() == null ? "-" : text(e.queueId()))
                    .append("</td><td>").append(e.route() == null ? "-" : text(e.route()))
                    .append("</td><td class=\"addr\">")
                    .append(e.address() == null ? "-" : text(e.kind() == StatusRecorder.Kind.DELIVERED
                            || e.kind() == StatusRecorder.Kind.DEFERRED || e.kind() == StatusRecorder.Kind.FAILED
                            ? e.address() : sender(e.address())))
                    .append("</td><td class=\"reply\">").append(text(e.detail())).append("</td></tr>\n");
        }
        out.append("</tbody></table>\n</section>\n");
    }

    private static void health(StringBuilder out, StatusView v) {
        StatusRecorder.Recorded r = v.recorded();
        out.append("<section id=\"health\" data-live>\n<h2>Health and configuration</h2>\n<table id=\"health-table\">")
                .append("<thead><tr><th>check</th><th>state</th><th>detail</th></tr></thead><tbody>\n");
        for (Check c : v.health().checks()) {
            out.append("<tr><td>").append(text(c.name())).append("</td><td class=\"").append(c.ok() ? "ok\">ok" : "bad\">FAIL")
                    .append("</td><td>").append(text(c.detail())).append("</td></tr>\n");
        }
        out.append("</tbody></table>\n<table id=\"config-table\"><tbody>\n<tr><th>configuration in force</th><td>")
                .append(text(r.configSource() == null ? "-" : r.configSource())).append("</td></tr>\n")
                .append("<tr><th>loaded</th><td>").append(r.configLoaded() == null ? "-" : TIME.format(r.configLoaded()))
                .append("</td></tr>\n");
        if (r.lastReloadRefused() != null) {
            out.append("<tr><th>last reload refused</th><td>").append(TIME.format(r.lastReloadRefused())).append(": ")
                    .append(text(r.lastReloadError())).append("</td></tr>\n");
        }
        out.append("</tbody></table>\n</section>\n");
    }

    /** The null sender as {@code <>}, any other address as it was given. */
    static String sender(String address) {
        return address.isEmpty() ? "<>" : address;
    }

    static String age(Instant since, Instant now) {
        return duration(Duration.between(since, now));
    }

    private static String until(Instant at, Instant now) {
        Duration d = Duration.between(now, at);
        return d.isNegative() || d.isZero() ? "due" : "in " + duration(d);
    }

    /** {@code 2d 3h}, {@code 4h 12m}, {@code 3m 5s}, {@code 12s}: two units at most. */
    static String duration(Duration d) {
        long s = Math.max(0, d.getSeconds());
        if (s >= 86_400) {
            return s / 86_400 + "d " + s % 86_400 / 3600 + "h";
        }
        if (s >= 3600) {
            return s / 3600 + "h " + s % 3600 / 60 + "m";
        }
        if (s >= 60) {
            return s / 60 + "m " + s % 60 + "s";
        }
        return s + "s";
    }

    /** Text for element content and quoted attribute values: the five characters HTML gives meaning to. */
    static String text(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            String rep = switch (c) {
                case '&' -> "&amp;";
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '"' -> "&quot;";
                case '\'' -> "&#39;";
                default -> c < 0x20 && c != '\t' ? "\uFFFD" : null;
            };
            if (rep != null && out == null) {
                out = new StringBuilder(s.length() + 16).append(s, 0, i);
            }
            if (out != null) {
                if (rep != null) {
                    out.append(rep);
                } else {
                    out.append(c);
                }
            }
        }
        return out == null ? s : out.toString();
    }
}
