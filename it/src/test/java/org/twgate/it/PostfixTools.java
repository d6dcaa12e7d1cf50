package org.twgate.it;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.twgate.testkit.Await;

/**
 * Real tools from Debian's packages: Postfix's {@code smtp-sink} as a next hop, {@code swaks}
 * and Python's {@code smtplib} as clients. A test that needs one skips (with the reason
 * printed) only when the binary is absent.
 */
final class PostfixTools {
    private PostfixTools() {
    }

    static Path require(String name) {
        Optional<Path> found = find(name);
        if (found.isEmpty()) {
            System.out.println("SKIPPED: " + name + " not installed (apt-get install postfix swaks python3)");
        }
        assumeTrue(found.isPresent(), name + " not installed");
        return found.get();
    }

    static Optional<Path> find(String name) {
        List<String> dirs = new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "").split(":")));
        dirs.addAll(List.of("/usr/sbin", "/usr/bin", "/usr/local/bin"));
        return dirs.stream().filter(d -> !d.isEmpty()).map(d -> Path.of(d, name)).filter(Files::isExecutable)
                .findFirst();
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** A running {@code smtp-sink}: {@code dsn} false adds {@code -N} (no DSN, like qmail). */
    static final class SmtpSink implements AutoCloseable {
        final int port;
        final Path dumpDir;
        private final Process process;

        SmtpSink(boolean dsn, Path dumpDir) throws IOException {
            Path binary = require("smtp-sink");
            this.port = freePort();
            this.dumpDir = dumpDir;
            List<String> argv = new ArrayList<>(List.of(binary.toString()));
            if (!dsn) {
                argv.add("-N");
            }
            if ("root".equals(System.getProperty("user.name"))) {
                argv.addAll(List.of("-u", "nobody")); // smtp-sink refuses to run as root
            }
            if (dumpDir != null) {
                Files.createDirectories(dumpDir);
                Files.setPosixFilePermissions(dumpDir, PosixFilePermissions.fromString("rwxrwxrwx"));
                // smtp-sink writes as "nobody" when we are root: it must be able to reach the directory.
                Files.setPosixFilePermissions(dumpDir.getParent(), PosixFilePermissions.fromString("rwx--x--x"));
                argv.addAll(List.of("-d", dumpDir + "/%M."));
            }
            argv.addAll(List.of("127.0.0.1:" + port, "10"));
            process = new ProcessBuilder(argv).redirectErrorStream(true)
                    .redirectOutput(dumpDir == null ? ProcessBuilder.Redirect.DISCARD
                            : ProcessBuilder.Redirect.appendTo(dumpDir.resolveSibling("smtp-sink.log").toFile()))
                    .start();
            Await.until("smtp-sink listening on " + port, Duration.ofSeconds(10), () -> {
                try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                    return true;
                } catch (IOException e) {
                    return false;
                }
            });
        }

        /** Every dumped transaction: X-Mail-Args, X-Rcpt-Args, then the message. */
        List<String> dumps() throws IOException {
            List<String> out = new ArrayList<>();
            try (var files = Files.list(dumpDir)) {
                for (Path f : files.sorted().toList()) {
                    out.add(Files.readString(f));
                }
            }
            return out;
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    /** Runs a command to completion; returns its output, failing the test on a non-zero exit. */
    static String run(List<String> argv, String stdin) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        if (stdin != null) {
            p.getOutputStream().write(stdin.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        p.getOutputStream().close();
        String output = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("timed out: " + argv + "\n" + output);
        }
        if (p.exitValue() != 0) {
            throw new AssertionError("exit " + p.exitValue() + ": " + argv + "\n" + output);
        }
        return output;
    }

    /**
     * A real DSN request from Python's smtplib (Debian's swaks 20201014 has no option for
     * MAIL/RCPT parameters): {@code mailOptions} such as {@code RET=HDRS}, {@code rcptOptions}
     * such as {@code NOTIFY=SUCCESS}.
     */
    static void sendWithDsn(InetSocketAddress server, String from, String to, List<String> mailOptions,
            List<String> rcptOptions, String content) throws IOException, InterruptedException {
        Path python = require("python3");
        String script = String.join("\n",
                "import smtplib, sys",
                "host, port, sender, rcpt, mopts, ropts = sys.argv[1:7]",
                "s = smtplib.SMTP(host, int(port))",
                "s.ehlo('client.test')",
                "s.sendmail(sender, [rcpt], sys.stdin.buffer.read(), mail_options=[o for o in mopts.split(' ') if o],",
                "           rcpt_options=[o for o in ropts.split(' ') if o])",
                "s.quit()");
        run(List.of(python.toString(), "-c", script, server.getHostString(), String.valueOf(server.getPort()),
                from, to, String.join(" ", mailOptions), String.join(" ", rcptOptions)), content);
    }
}
