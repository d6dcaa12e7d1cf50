package org.twgate.it;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.twgate.testkit.Await;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Debian's Prometheus server on a loopback port with a temporary data directory, scraping one
 * target every second and evaluating a rule file; queried through its HTTP API.
 */
final class PrometheusServer implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Process process;
    private final int port;
    private final Path log;

    private PrometheusServer(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    static PrometheusServer start(Path dir, int targetPort, Path ruleFile) throws IOException {
        String binary = Commands.require("prometheus", "prometheus");
        Path config = dir.resolve("prometheus.yml");
        Files.writeString(config, String.join("\n",
                "global:",
                "  scrape_interval: 1s",
                "  evaluation_interval: 1s",
                "rule_files:",
                "  - " + ruleFile.toAbsolutePath(),
                "scrape_configs:",
                "  - job_name: twgate",
                "    static_configs:",
                "      - targets: [\"127.0.0.1:" + targetPort + "\"]",
                ""));
        int port = TwgateProcess.freePort();
        Path log = dir.resolve("prometheus.log");
        Process p = new ProcessBuilder(List.of(binary, "--config.file=" + config,
                "--storage.tsdb.path=" + Files.createDirectories(dir.resolve("data")),
                "--web.listen-address=127.0.0.1:" + port, "--log.level=warn"))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        PrometheusServer server = new PrometheusServer(p, port, log);
        Await.until("Prometheus ready on " + port, Duration.ofSeconds(60), () -> {
            if (!p.isAlive()) {
                throw new AssertionError("prometheus exited with " + p.exitValue() + ": " + server.logText());
            }
            try {
                return server.get("/-/ready").statusCode() == 200;
            } catch (IOException e) {
                return false;
            }
        });
        return server;
    }

    /** {@code /api/v1/query} at the current time: the JSON answer's {@code data}; fails on an error answer. */
    JsonNode query(String promql) {
        HttpResponse<String> r;
        try {
            r = get("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError("query " + promql + ": " + e.getMessage(), e);
        }
        JsonNode answer = JSON.readTree(r.body());
        if (r.statusCode() != 200 || !answer.path("status").asString().equals("success")) {
            throw new AssertionError("Prometheus refused " + promql + ": " + r.body());
        }
        return answer.path("data");
    }

    /** How many series {@code promql} returns now (0 for a scalar or an empty vector). */
    int seriesCount(String promql) {
        JsonNode data = query(promql);
        return data.path("resultType").asString().equals("vector") || data.path("resultType").asString().equals("matrix")
                ? data.path("result").size() : 0;
    }

    JsonNode rules() throws IOException {
        return JSON.readTree(get("/api/v1/rules").body()).path("data");
    }

    String logText() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private HttpResponse<String> get(String path) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).GET().build();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
