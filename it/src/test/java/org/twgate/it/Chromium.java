package org.twgate.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Debian's chromium, headless, driven over the DevTools protocol (a WebSocket on loopback, the
 * JDK's own client): one page, what its scripts logged and threw, its DOM after they ran, a
 * screenshot, and the same page with its scripts switched off. A missing chromium fails the
 * test that needs it, saying how to install it.
 */
final class Chromium implements AutoCloseable {
    static final Path BINARY = Path.of("/usr/bin/chromium");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration CALL = Duration.ofSeconds(30);

    private final Process process;
    private final Path profile;
    private final WebSocket socket;
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();
    /** Every event the browser sent, in order: console messages, exceptions, log entries, dialogs. */
    final List<JsonNode> events = new CopyOnWriteArrayList<>();
    private String session;

    private Chromium(Process process, Path profile, WebSocket socket) {
        this.process = process;
        this.profile = profile;
        this.socket = socket;
    }

    /** Fails (never skips) when Debian's chromium is not installed. */
    static void requireInstalled() {
        if (!Files.isExecutable(BINARY)) {
            throw new AssertionError(BINARY + " is missing: install Debian's chromium (apt-get install -y chromium;"
                    + " .ci/run does this as root)");
        }
    }

    /** The switches every run takes: headless, no sandbox (the tests run as root), nothing from the network. */
    private static List<String> common(Path profile) {
        return new ArrayList<>(List.of(BINARY.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--no-first-run", "--no-default-browser-check", "--disable-extensions", "--disable-sync",
                "--disable-background-networking", "--disable-component-update", "--hide-scrollbars",
                "--user-data-dir=" + profile, "--window-size=1280,1900"));
    }

    static Chromium start(Path dir) throws Exception {
        requireInstalled();
        Path profile = Files.createTempDirectory(dir, "chromium-profile");
        List<String> command = common(profile);
        command.addAll(List.of("--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0", "about:blank"));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        LinkedBlockingQueue<String> endpoint = new LinkedBlockingQueue<>();
        StringBuilder output = new StringBuilder();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    synchronized (output) {
                        output.append(line).append('\n');
                    }
                    int at = line.indexOf("DevTools listening on ");
                    if (at >= 0) {
                        endpoint.add(line.substring(at + "DevTools listening on ".length()).strip());
                    }
                }
            } catch (IOException ignored) {
                // the process ended
            }
        }, "chromium-output");
        reader.setDaemon(true);
        reader.start();
        String ws = endpoint.poll(60, TimeUnit.SECONDS);
        if (ws == null) {
            p.destroyForcibly();
            synchronized (output) {
                throw new AssertionError("chromium did not open its DevTools endpoint within 60 s:\n" + output);
            }
        }
        Listener listener = new Listener();
        WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(URI.create(ws), listener)
                .get(30, TimeUnit.SECONDS);
        Chromium chromium = new Chromium(p, profile, socket);
        listener.owner = chromium;
        JsonNode target = chromium.call(null, "Target.createTarget", Map.of("url", "about:blank"));
        JsonNode attached = chromium.call(null, "Target.attachToTarget",
                Map.of("targetId", target.path("targetId").asString(), "flatten", true));
        chromium.session = attached.path("sessionId").asString();
        chromium.page("Runtime.enable", Map.of());
        chromium.page("Log.enable", Map.of());
        chromium.page("Page.enable", Map.of());
        chromium.page("DOM.enable", Map.of());
        return chromium;
    }

    /** A command to the page's session. */
    JsonNode page(String method, Map<String, Object> params) throws Exception {
        return call(session, method, params);
    }

    void navigate(String url) throws Exception {
        JsonNode r = page("Page.navigate", Map.of("url", url));
        if (r.has("errorText")) {
            throw new AssertionError("chromium could not load " + url + ": " + r.path("errorText").asString());
        }
    }

    /** Evaluates {@code expression} in the page and returns its value (JSON-compatible values only). */
    JsonNode evaluate(String expression) throws Exception {
        JsonNode r = page("Runtime.evaluate", Map.of("expression", expression, "returnByValue", true));
        if (r.has("exceptionDetails")) {
            throw new AssertionError("evaluating " + expression + " threw: " + r.path("exceptionDetails"));
        }
        return r.path("result").path("value");
    }

    /** A PNG of the whole page, beyond the window if it is longer. */
    byte[] screenshot() throws Exception {
        JsonNode r = page("Page.captureScreenshot", Map.of("format", "png", "captureBeyondViewport", true));
        return java.util.Base64.getDecoder().decode(r.path("data").asString());
    }

    /**
     * What the page's scripts reported as errors: uncaught exceptions, console.error, log entries
     * of level error (a Content-Security-Policy violation is one), and any dialog (an injected
     * {@code alert} would open one).
     */
    List<String> errors() {
        List<String> out = new ArrayList<>();
        for (JsonNode e : events) {
            String method = e.path("method").asString();
            JsonNode p = e.path("params");
            switch (method) {
                case "Runtime.exceptionThrown" -> out.add("exception: " + p.path("exceptionDetails"));
                case "Runtime.consoleAPICalled" -> {
                    if (p.path("type").asString().equals("error") || p.path("type").asString().equals("assert")) {
                        out.add("console." + p.path("type").asString() + ": " + p.path("args"));
                    }
                }
                case "Log.entryAdded" -> {
                    if (p.path("entry").path("level").asString().equals("error")) {
                        out.add("log: " + p.path("entry").path("text").asString() + " ("
                                + p.path("entry").path("url").asString() + ")");
                    }
                }
                case "Page.javascriptDialogOpening" -> out.add("dialog: " + p.path("message").asString());
                default -> {
                }
            }
        }
        return out;
    }

    /**
     * Switches the page's scripts off (for what follows: reload to see the page without them).
     * Chromium's {@code --dump-dom} cannot do this: with {@code scriptEnabled=false} it prints nothing.
     */
    void disableScripts() throws Exception {
        page("Emulation.setScriptExecutionDisabled", Map.of("value", true));
    }

    /** The document's markup as the browser holds it now (read through the DOM domain, not by a script). */
    String outerHtml() throws Exception {
        JsonNode root = page("DOM.getDocument", Map.of("depth", 0)).path("root");
        return page("DOM.getOuterHTML", Map.of("nodeId", root.path("nodeId").asInt())).path("outerHTML").asString();
    }

    private JsonNode call(String sessionId, String method, Map<String, Object> params) throws Exception {
        int id = ids.incrementAndGet();
        ObjectNode message = JSON.createObjectNode();
        message.put("id", id);
        message.put("method", method);
        message.set("params", JSON.valueToTree(params));
        if (sessionId != null) {
            message.put("sessionId", sessionId);
        }
        CompletableFuture<JsonNode> reply = new CompletableFuture<>();
        pending.put(id, reply);
        socket.sendText(JSON.writeValueAsString(message), true).get(CALL.toSeconds(), TimeUnit.SECONDS);
        JsonNode r = reply.get(CALL.toSeconds(), TimeUnit.SECONDS);
        if (r.has("error")) {
            throw new AssertionError(method + " failed: " + r.path("error"));
        }
        return r.path("result");
    }

    private void received(String text) {
        JsonNode message = JSON.readTree(text);
        if (message.has("id")) {
            CompletableFuture<JsonNode> reply = pending.remove(message.path("id").asInt());
            if (reply != null) {
                reply.complete(message);
            }
        } else {
            events.add(message);
        }
    }

    private static final class Listener implements WebSocket.Listener {
        volatile Chromium owner;
        private final StringBuilder parts = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            parts.append(data);
            if (last) {
                String whole = parts.toString();
                parts.setLength(0);
                owner.received(whole);
            }
            webSocket.request(1);
            return null;
        }
    }

    @Override
    public void close() throws Exception {
        try {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(5, TimeUnit.SECONDS);
        } catch (Exception ignored) {
            // the browser goes anyway
        }
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
        try (var files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }
}
