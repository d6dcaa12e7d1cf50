package org.twgate.gateway.status;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Properties;

/**
 * The page's scripts and style sheets, read from the jar once: uPlot from its WebJar
 * ({@code org.webjars.npm:uplot}, shaded into twgate.jar) and the page's own
 * {@code status.js}/{@code status.css}. Nothing is fetched from the network, by the server or
 * the browser. The paths are relative, so the page works behind a reverse proxy under a prefix.
 */
final class StatusAssets {
    static final String UPLOT_JS = "status/uPlot.iife.min.js";
    static final String UPLOT_CSS = "status/uPlot.min.css";
    static final String PAGE_JS = "status/status.js";
    static final String PAGE_CSS = "status/status.css";
    /** Its own, so the browser asks for no /favicon.ico (a 404 it would log as an error). */
    static final String ICON = "status/favicon.svg";

    /** One asset: its bytes and content type. */
    record Asset(byte[] bytes, String type) {
    }

    private static final String JS = "text/javascript; charset=utf-8";
    private static final String CSS = "text/css; charset=utf-8";

    private final Map<String, Asset> byPath;

    private StatusAssets(Map<String, Asset> byPath) {
        this.byPath = byPath;
    }

    /** Reads every asset; throws when the jar lacks one (a build that lost the WebJar fails at start). */
    static StatusAssets load() {
        String uplot = "META-INF/resources/webjars/uplot/" + uplotVersion() + "/dist/";
        return new StatusAssets(Map.of(
                "/" + UPLOT_JS, new Asset(read(uplot + "uPlot.iife.min.js"), JS),
                "/" + UPLOT_CSS, new Asset(read(uplot + "uPlot.min.css"), CSS),
                "/" + PAGE_JS, new Asset(read("org/twgate/gateway/status/status.js"), JS),
                "/" + PAGE_CSS, new Asset(read("org/twgate/gateway/status/status.css"), CSS),
                "/" + ICON, new Asset(read("org/twgate/gateway/status/favicon.svg"), "image/svg+xml")));
    }

    /** The asset at a request path such as {@code /status/status.js}, or null. */
    Asset at(String path) {
        return byPath.get(path);
    }

    /** The WebJar's version, from its Maven metadata (so an upgrade of the dependency needs no code change). */
    static String uplotVersion() {
        Properties p = new Properties();
        try (InputStream in = resource("META-INF/maven/org.webjars.npm/uplot/pom.properties")) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p.getProperty("version");
    }

    private static byte[] read(String name) {
        try (InputStream in = resource(name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name + " from the jar", e);
        }
    }

    private static InputStream resource(String name) {
        InputStream in = StatusAssets.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException("the status page's asset " + name + " is not in the jar");
        }
        return in;
    }
}
