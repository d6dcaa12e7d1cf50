package org.twgate.it;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.twgate.testkit.Await;

/** twgate in its own JVM, started from the shaded jar, as an operator would run it. */
final class TwgateProcess implements AutoCloseable {
    private final Process process;
    private final int port;

    private TwgateProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static TwgateProcess start(Path config, int port, Path log) throws IOException {
        String jar = System.getProperty("twgate.jar");
        if (jar == null) {
            throw new IllegalStateException("system property twgate.jar is not set (see it/pom.xml)");
        }
        Process p = new ProcessBuilder(List.of(javaBinary(), "-Xmx256m", "-jar", jar, "run", "--config", config.toString()))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        TwgateProcess twgate = new TwgateProcess(p, port);
        Await.until("twgate listening on " + port, Duration.ofSeconds(30), () -> {
            if (!p.isAlive()) {
                throw new AssertionError("twgate exited with " + p.exitValue() + "; see " + log);
            }
            return twgate.accepting();
        });
        return twgate;
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private boolean accepting() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** The process id, for reading its file descriptors and threads under /proc. */
    long pid() {
        return process.pid();
    }

    InetSocketAddress address() {
        return new InetSocketAddress("127.0.0.1", port);
    }

    /** SIGKILL: no shutdown hook, no flush, exactly what a crash looks like to the spool. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM; returns whether it exited within the timeout. */
    boolean terminate(Duration timeout) throws InterruptedException {
        process.destroy();
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
