package org.twgate.gateway.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.twgate.dsn.status.Action;
import org.twgate.gateway.health.Check;
import org.twgate.gateway.health.HealthReport;
import org.twgate.gateway.metrics.DsnDisposition;
import org.twgate.gateway.queue.QueueSnapshot;
import org.twgate.gateway.outcome.DeliveryStatus.Result;
import org.twgate.gateway.spool.QueueId;

/** What the page and status.json make of hostile text: only ever text. */
class StatusPageTest {
    static final String SCRIPT = "<script>alert(1)</script>@x.example";
    static final String IMG = "\"><img src=x>";
    static final Instant NOW = Instant.parse("2026-12-02T10:00:30Z");

    final ManualClock clock = new ManualClock(NOW.minusSeconds(90));
    final StatusRecorder recorder = new StatusRecorder(clock);
    final QueueId id = QueueId.next(NOW.toEpochMilli());

    StatusView hostileView() {
        recorder.started("/etc/twgate/" + IMG + ".yaml");
        recorder.accepted(id, SCRIPT, 1);
        recorder.messageRefused(QueueId.next(NOW.toEpochMilli()).value(), IMG, "line_length", "554 5.6.0 " + SCRIPT);
        recorder.commandRefused("RCPT", "relay_denied", "554 5.7.1 <" + IMG + ">: relay denied");
        recorder.recipientOutcome(id, IMG, "connector", Result.DEFERRED, "451 4.3.0 " + SCRIPT);
        recorder.recipientOutcome(id, SCRIPT, "connector", Result.DELIVERED, "250 " + IMG);
        recorder.dsn(Action.FAILED, DsnDisposition.REPORT, id);
        clock.advance(Duration.ofSeconds(90));
        QueueSnapshot queue = new QueueSnapshot(new QueueSnapshot.Counts(1, 1), new QueueSnapshot.Counts(0, 0),
                Optional.of(NOW.minusSeconds(75)), 0,
                Map.of("connector", new QueueSnapshot.RouteQueue(1, 1, 0, Optional.of(NOW.minusSeconds(75)))),
                List.of(new QueueSnapshot.Deferred(id, SCRIPT, IMG, "connector", NOW.minusSeconds(75), 1,
                        NOW.plusSeconds(45), false, "451 4.3.0 " + IMG)));
        StatusRecorder.Recorded recorded = recorder.read();
        return new StatusView("gw.test", recorded, queue, List.of(new StatusView.RouteView("connector",
                "[127.0.0.1]:2025", true, "none", 1, recorded.routes().get("connector"),
                queue.routes().get("connector"))), new HealthReport(List.of(Check.ok("configuration", "loaded from " + IMG))));
    }

    @Test
    void hostileSendersRecipientsAndRepliesAreEscapedEverywhere() {
        String html = StatusPage.html(hostileView());

        assertThat(html).doesNotContain("<script>alert").doesNotContain("<img");
        assertThat(html).contains("&lt;script&gt;alert(1)&lt;/script&gt;@x.example");
        assertThat(html).contains("&quot;&gt;&lt;img src=x&gt;");
        // The only elements are the page's own: the two script elements load same-origin files.
        Matcher scripts = Pattern.compile("<script[^>]*>").matcher(html);
        List<String> found = scripts.results().map(m -> m.group()).toList();
        assertThat(found).containsExactly("<script src=\"status/uPlot.iife.min.js\" defer>",
                "<script src=\"status/status.js\" defer>");
        assertThat(html).doesNotContainPattern("(?i)\\son[a-z]+=").doesNotContain("style=")
                .as("no remote source").doesNotContain("http:").doesNotContain("https:").doesNotContain("//");
        Matcher tags = Pattern.compile("<([a-zA-Z][a-zA-Z0-9]*)").matcher(html);
        assertThat(tags.results().map(m -> m.group(1)).distinct())
                .isSubsetOf("html", "head", "meta", "title", "noscript", "link", "script", "body", "header", "h1", "p",
                        "span", "time", "main", "section", "h2", "h3", "table", "thead", "tbody", "tr", "th", "td",
                        "small", "div", "details", "summary", "footer", "code", "a");
    }

    @Test
    void thePageShowsTheQueueRoutesEventsAndHealthButNoSubject() {
        String html = StatusPage.html(hostileView());

        assertThat(html).contains("<td class=\"id\">" + id.value() + "</td><td>1m 15s</td><td>in 45s</td>");
        assertThat(html).contains("<td>connector <small>(final)</small></td><td>[127.0.0.1]:2025</td><td>none</td><td>1</td>"
                + "<td>1 / 1 / 0</td>");
        assertThat(html).contains("<td>deferred</td><td class=\"id\">" + id.value() + "</td><td>connector</td>");
        assertThat(html).contains("<td>dsn</td><td class=\"id\">" + id.value() + "</td>");
        assertThat(html).contains("failed report: 1");
        assertThat(html).contains("<td>configuration</td><td class=\"ok\">ok</td>");
        assertThat(html).doesNotContainIgnoringCase("subject");
    }

    @Test
    void statusJsonCarriesTheSameFactsWithMarkupCharactersEscaped() {
        String json = StatusJson.json(hostileView());

        assertThat(json).doesNotContain("<").doesNotContain(">");
        assertThat(json).contains("\"sender\":\"\\u003cscript\\u003ealert(1)\\u003c/script\\u003e@x.example\"");
        assertThat(json).contains("\"recipient\":\"\\\"\\u003e\\u003cimg src=x\\u003e\"");
        assertThat(json).contains("\"queue_id\":\"" + id.value() + "\"");
        assertThat(json).contains("\"dsn\":{\"failed report\":[");
        assertThat(json).contains("\"waiting\":{\"messages\":1,\"recipients\":1}");
    }

    @Test
    void durationsReadAsAPersonSaysThem() {
        assertThat(StatusPage.duration(Duration.ofSeconds(12))).isEqualTo("12s");
        assertThat(StatusPage.duration(Duration.ofSeconds(185))).isEqualTo("3m 5s");
        assertThat(StatusPage.duration(Duration.ofMinutes(252))).isEqualTo("4h 12m");
        assertThat(StatusPage.duration(Duration.ofHours(51))).isEqualTo("2d 3h");
    }
}
