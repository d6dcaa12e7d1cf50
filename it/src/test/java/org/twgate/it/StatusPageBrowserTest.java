package org.twgate.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twgate.config.ConfigLoader;
import org.twgate.gateway.Gateway;
import org.twgate.gateway.queue.QueueEntry;
import org.twgate.testkit.Await;
import org.twgate.testkit.Closeables;
import org.twgate.testkit.RecordingSmtpServer;
import tools.jackson.databind.JsonNode;

/**
 * The status page in a real browser (Debian's chromium, headless) on a twgate that relayed,
 * deferred, failed and refused mail, two of the messages from hostile senders and one deferred
 * with a hostile reply: after the scripts ran (and swapped the sections once), the deferred
 * queue id and its reply are in the queue table, the three charts exist and hold the hour's
 * points, nothing was logged as an error (no script error, no Content-Security-Policy
 * violation, no dialog), the hostile texts are text and no element was injected. With
 * JavaScript off the same tables are there, and no chart. The screenshot is saved as
 * {@code target/status-page.png} (the README's {@code docs/status-page.png} is a copy of one).
 */
class StatusPageBrowserTest {
    static final String SCRIPT_SENDER = "\"<script>alert(1)</script>\"@x.example";
    static final String IMG_SENDER = "\"\\\"><img src=x>\"@x.example";
    static final String HOSTILE_REPLY = "451 4.3.0 <img src=x id=injected> mailbox busy, try later";

    @TempDir
    Path dir;

    @Test
    void thePageShowsTheQueueAndTheHourInARealBrowserAndHostileTextStaysText() throws Exception {
        Chromium.requireInstalled();
        RecordingSmtpServer connector = RecordingSmtpServer.start().onRcpt(address -> address.startsWith("busy@")
                ? HOSTILE_REPLY : address.startsWith("unknown@") ? "550 5.1.1 no such user" : "250 2.1.5 ok");
        Gateway gateway = null;
        Chromium chromium = null;
        try {
            gateway = Gateway.start(ConfigLoader.load(MixedTraffic.config(dir, connector.port(), "1m", "1h"), Map.of()),
                    Clock.systemUTC());
            // Relayed (one from each hostile sender), deferred (hostile sender, hostile reply), failed, refused.
            MixedTraffic.send(gateway.smtpAddresses().get(0),
                    List.of("john@company.com", IMG_SENDER, SCRIPT_SENDER, "john@company.com"), "<b>secret subject</b>");
            connector.awaitMessages(3, Duration.ofSeconds(30)); // two relayed and the failure report
            Gateway g = gateway;
            Await.until("the busy recipient deferred", Duration.ofSeconds(30), () -> deferred(g) != null);
            String deferredId = deferred(gateway).id().value();
            String url = "http://127.0.0.1:" + gateway.statusAddress().orElseThrow().getPort() + "/";
            assertHeaders(url);

            chromium = Chromium.start(dir);
            chromium.navigate(url);
            Chromium c = chromium;
            Await.until("the charts drawn", Duration.ofSeconds(30), () -> "drawn".equals(text(c,
                    "document.body && document.body.dataset.charts")));
            // One refresh in place: the sections are swapped for fresh ones and the charts redrawn.
            String first = text(chromium, "document.body.dataset.generated");
            Await.until("one refresh in place", Duration.ofSeconds(30),
                    () -> !first.equals(text(c, "document.body.dataset.generated")));

            JsonNode dom = chromium.evaluate("""
                    (() => ({
                      deferred: [...document.querySelectorAll('#deferred tbody tr')]
                          .map(tr => [...tr.cells].map(td => td.textContent)),
                      charts: [...document.querySelectorAll('.chart')].map(el => ({ id: el.id,
                          canvases: el.querySelectorAll('canvas').length, points: Number(el.dataset.points),
                          total: Number(el.dataset.total) })),
                      injected: document.querySelectorAll('img, iframe, object, embed, #injected').length,
                      scripts: [...document.scripts].map(s => s.getAttribute('src')),
                      inlineHandlers: [...document.querySelectorAll('*')].filter(el =>
                          [...el.attributes].some(a => a.name.startsWith('on'))).length,
                      text: document.body.innerText,
                      stale: document.getElementById('stale') ? document.getElementById('stale').textContent : ''
                    }))()""");
            Files.createDirectories(Path.of("target"));
            Files.write(Path.of("target/status-page.png"), chromium.screenshot());

            assertThat(chromium.errors()).as("errors the page logged").isEmpty();
            assertThat(dom.path("stale").asString()).isEmpty();
            List<List<String>> rows = new ArrayList<>();
            dom.path("deferred").forEach(row -> {
                List<String> cells = new ArrayList<>();
                row.forEach(cell -> cells.add(cell.asString()));
                rows.add(cells);
            });
            assertThat(rows).anySatisfy(cells -> {
                assertThat(cells.get(0)).isEqualTo(deferredId);
                assertThat(cells.get(5)).isEqualTo(SCRIPT_SENDER);
                assertThat(cells.get(6)).isEqualTo("busy@tw.company.com");
                assertThat(cells.get(7)).contains("<img src=x id=injected> mailbox busy");
            });
            assertThat(dom.path("charts")).hasSize(3);
            // Points: 60 minutes per series; the queue's only from the start of this twgate (this minute).
            Map<String, Integer> leastPoints = Map.of("chart-messages", 5 * 60, "chart-dsns", 60, "chart-queue", 1);
            for (JsonNode chart : dom.path("charts")) {
                String id = chart.path("id").asString();
                assertThat(chart.path("canvases").asInt()).as(id).isPositive();
                assertThat(chart.path("points").asInt()).as(id).isGreaterThanOrEqualTo(leastPoints.get(id));
                assertThat(chart.path("total").asInt()).as(id).isPositive();
            }
            assertThat(dom.path("injected").asInt()).isZero();
            assertThat(dom.path("inlineHandlers").asInt()).isZero();
            List<String> scripts = new ArrayList<>();
            dom.path("scripts").forEach(s -> scripts.add(s.asString()));
            assertThat(scripts).containsExactly("status/uPlot.iife.min.js", "status/status.js");
            String text = dom.path("text").asString();
            assertThat(text).contains(SCRIPT_SENDER).contains(IMG_SENDER).contains("550 5.1.1 no such user")
                    .contains("RCPT (relay_denied): 554 5.7.1").contains("failed report").doesNotContain("secret subject");

            chromium.disableScripts();
            chromium.navigate(url);
            String[] loaded = {""};
            Await.until("the page loaded without scripts", Duration.ofSeconds(30),
                    () -> (loaded[0] = html(c)).contains("</footer>"));
            String noScript = loaded[0];
            assertThat(noScript).contains("<td class=\"id\">" + deferredId + "</td>")
                    .contains("&lt;img src=x id=injected&gt; mailbox busy")
                    .contains("&lt;script&gt;alert(1)&lt;/script&gt;")
                    .doesNotContain("<img").doesNotContain("class=\"uplot");
        } finally {
            Gateway g = gateway;
            Closeables.closeAll(chromium, g == null ? null : g::stop, connector);
        }
    }

    private static QueueEntry deferred(Gateway gateway) {
        return gateway.queue().list().stream()
                .filter(e -> e.recipients().stream().anyMatch(r -> r.address().startsWith("busy@") && r.lastReply() != null))
                .findFirst().orElse(null);
    }

    /** The markup now, or "" while a navigation replaces the document under the call. */
    private static String html(Chromium chromium) {
        try {
            return chromium.outerHtml();
        } catch (Exception | AssertionError e) {
            return "";
        }
    }

    private static String text(Chromium chromium, String expression) {
        try {
            JsonNode v = chromium.evaluate(expression);
            return v.isMissingNode() || v.isNull() ? "" : v.asString();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** The answer's own defences: a strict CSP, nosniff, no framing; read-only. */
    private static void assertHeaders(String url) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp -> assertThat(csp)
                .contains("default-src 'none'").contains("script-src 'self'").doesNotContain("unsafe"));
        assertThat(page.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        HttpResponse<String> post = http.send(HttpRequest.newBuilder(URI.create(url))
                .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(405);
        HttpResponse<String> json = http.send(HttpRequest.newBuilder(URI.create(url + "status.json")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(json.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        assertThat(json.body()).doesNotContain("<");
    }
}
