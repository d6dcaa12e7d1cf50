// The status page's cost per load with 10,000 messages queued, against a /metrics scrape of the
// same twgate in the same run. Run by bench/status/run.sh (Java's source-file mode on the
// shaded jar: nothing to build but twgate.jar).
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.twgate.config.ConfigLoader;
import org.twgate.gateway.Gateway;
import org.twgate.gateway.health.HealthReport;
import org.twgate.gateway.status.StatusBoard;
import org.twgate.gateway.status.StatusJson;
import org.twgate.gateway.status.StatusPage;
import org.twgate.gateway.status.StatusRecorder;

public final class StatusPageBench {
    public static void main(String[] args) throws Exception {
        int queued = Integer.parseInt(System.getProperty("queued", "10000"));
        int rounds = Integer.parseInt(System.getProperty("rounds", "5"));
        int perRound = Integer.parseInt(System.getProperty("loads", "200"));
        // 10,000 "deferred" lines would only measure the terminal.
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .setLevel(ch.qos.logback.classic.Level.ERROR);
        Path dir = Files.createTempDirectory("twgate-status-bench");
        // A route to a port nothing listens on: every message is deferred once and stays queued
        // (retry in 1 h), as a stuck connector would leave it.
        Path config = dir.resolve("twgate.yaml");
        Files.writeString(config, String.join("\n",
                "server:", "  listen: [\"127.0.0.1:0\"]", "  hostname: bench.test",
                "spool:", "  directory: " + dir.resolve("spool"), "  retry_initial: 1h", "  retry_max: 1h",
                "metrics:", "  listen: \"127.0.0.1:0\"",
                "logging:", "  level: error",
                "routes:", "  - smtproutes: \":[127.0.0.1]:9\"", "    name: connector", "    final: true", ""));
        Gateway gateway = Gateway.start(ConfigLoader.load(config, Map.of()), Clock.systemUTC());
        try {
            long filling = System.nanoTime();
            fill(gateway.smtpAddresses().get(0), queued);
            long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
            while (gateway.queue().snapshot(0).attemptsUnderWay() > 0
                    || gateway.queue().snapshot(0).routes().containsKey("(not yet attempted)")) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the queue did not settle within 10 minutes");
                }
                Thread.sleep(200); // a benchmark waiting for its set-up, not a test
            }
            System.out.printf("queued %d messages (all deferred once) in %.1f s%n", gateway.queue().size(),
                    (System.nanoTime() - filling) / 1e9);
            String base = "http://127.0.0.1:" + gateway.metricsAddress().orElseThrow().getPort();
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            String[] paths = {"/", "/status.json", "/metrics"};
            for (String p : paths) { // warm-up: JIT the page, the JSON and the scrape
                for (int i = 0; i < 300; i++) {
                    get(http, base + p);
                }
            }
            System.out.printf("sizes: page %d B, status.json %d B, /metrics %d B%n", get(http, base + "/").length(),
                    get(http, base + "/status.json").length(), get(http, base + "/metrics").length());
            // In process, without HTTP: what a load costs the gateway (the queue snapshot is the part
            // that grows with the queue), against the Prometheus scrape's own cost.
            StatusRecorder recorder = new StatusRecorder(Clock.systemUTC());
            StatusBoard board = new StatusBoard("bench.test", recorder,
                    () -> gateway.queue().snapshot(StatusBoard.OLDEST_DEFERRED), Map::of, Map::of,
                    () -> new HealthReport(List.of()));
            for (int i = 0; i < 1000; i++) {
                StatusPage.html(board.view());
                StatusJson.json(board.view());
                gateway.metrics().scrape();
            }
            List<double[]> built = new ArrayList<>();
            for (int r = 1; r <= rounds; r++) {
                double snapshot = micros(perRound, () -> gateway.queue().snapshot(StatusBoard.OLDEST_DEFERRED));
                System.out.printf("round %d, in process: the queue snapshot alone %.0f us%n", r, snapshot);
                double[] us = new double[3];
                us[0] = micros(perRound, () -> StatusPage.html(board.view()));
                us[1] = micros(perRound, () -> StatusJson.json(board.view()));
                us[2] = micros(perRound, () -> gateway.metrics().scrape());
                built.add(us);
                System.out.printf("round %d, in process: page %.0f us, status.json %.0f us, scrape %.0f us;"
                        + " page/scrape %.2f%n", r, us[0], us[1], us[2], us[0] / us[2]);
            }
            double[] builtPage = built.stream().mapToDouble(m -> m[0]).sorted().toArray();
            double[] builtJson = built.stream().mapToDouble(m -> m[1]).sorted().toArray();
            double[] builtScrape = built.stream().mapToDouble(m -> m[2]).sorted().toArray();
            double[] builtRatio = built.stream().mapToDouble(m -> m[0] / m[2]).sorted().toArray();
            System.out.printf("median of rounds, in process: page %.0f us, status.json %.0f us, scrape %.0f us;"
                    + " page/scrape %.2f (rounds %.2f-%.2f)%n", builtPage[rounds / 2], builtJson[rounds / 2],
                    builtScrape[rounds / 2], builtRatio[rounds / 2], builtRatio[0], builtRatio[rounds - 1]);

            List<double[]> medians = new ArrayList<>();
            for (int r = 1; r <= rounds; r++) {
                double[] m = new double[paths.length];
                double[] p90 = new double[paths.length];
                for (int k = 0; k < paths.length; k++) {
                    double[] ms = new double[perRound];
                    for (int i = 0; i < perRound; i++) {
                        long t0 = System.nanoTime();
                        get(http, base + paths[k]);
                        ms[i] = (System.nanoTime() - t0) / 1e6;
                    }
                    Arrays.sort(ms);
                    m[k] = ms[perRound / 2];
                    p90[k] = ms[perRound * 9 / 10];
                }
                medians.add(m);
                System.out.printf("round %d, over HTTP: page %.2f ms (p90 %.2f), status.json %.2f ms (p90 %.2f), /metrics %.2f ms"
                        + " (p90 %.2f); page/metrics %.2f%n", r, m[0], p90[0], m[1], p90[1], m[2], p90[2], m[0] / m[2]);
            }
            double[] page = medians.stream().mapToDouble(m -> m[0]).sorted().toArray();
            double[] json = medians.stream().mapToDouble(m -> m[1]).sorted().toArray();
            double[] scrape = medians.stream().mapToDouble(m -> m[2]).sorted().toArray();
            double[] ratio = medians.stream().mapToDouble(m -> m[0] / m[2]).sorted().toArray();
            System.out.printf("median of rounds over HTTP at %d queued: page %.2f ms, status.json %.2f ms, /metrics %.2f ms;"
                    + " page/metrics %.2f (rounds %.2f-%.2f)%n", gateway.queue().size(), page[rounds / 2],
                    json[rounds / 2], scrape[rounds / 2], ratio[rounds / 2], ratio[0], ratio[rounds - 1]);
        } finally {
            gateway.close();
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    /** Mean microseconds of {@code n} runs. */
    private static double micros(int n, Runnable work) {
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            work.run();
        }
        return (System.nanoTime() - t0) / 1e3 / n;
    }

    private static String get(HttpClient http, String url) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(url + " answered " + r.statusCode());
        }
        return r.body();
    }

    /** {@code count} messages over 8 sessions, one recipient each. */
    private static void fill(InetSocketAddress smtp, int count) throws Exception {
        int sessions = 8;
        ExecutorService pool = Executors.newFixedThreadPool(sessions);
        List<Future<?>> done = new ArrayList<>();
        for (int s = 0; s < sessions; s++) {
            int share = count / sessions + (s < count % sessions ? 1 : 0);
            int session = s;
            done.add(pool.submit(() -> {
                send(smtp, session, share);
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
    }

    private static void send(InetSocketAddress smtp, int session, int messages) throws IOException {
        try (Socket s = new Socket(smtp.getAddress(), smtp.getPort())) {
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
            OutputStream out = s.getOutputStream();
            expect(in, "220");
            command(out, in, "HELO bench.test", "250");
            for (int i = 0; i < messages; i++) {
                command(out, in, "MAIL FROM:<sender" + session + "@company.com>", "250");
                command(out, in, "RCPT TO:<user" + i + "@tw.company.com>", "250");
                command(out, in, "DATA", "354");
                command(out, in, "Subject: bench " + i + "\r\n\r\nbody of message " + i + "\r\n.", "250");
            }
            command(out, in, "QUIT", "221");
        }
    }

    private static void command(OutputStream out, BufferedReader in, String line, String code) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        expect(in, code);
    }

    private static void expect(BufferedReader in, String code) throws IOException {
        String line;
        do {
            line = in.readLine();
            if (line == null || !line.startsWith(code)) {
                throw new IOException("expected " + code + ", got " + line);
            }
        } while (line.length() > 3 && line.charAt(3) == '-');
    }
}
