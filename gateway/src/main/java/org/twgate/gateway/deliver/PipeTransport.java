package org.twgate.gateway.deliver;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.twgate.gateway.outcome.DeliveryPolicy;
import org.twgate.gateway.outcome.DeliveryStatus;

/**
 * Delivers by running a local program, as qmail's {@code |command} lines do (e.g. Teamware's
 * {@code /usr/bin/torecvm -d/to/smtp -pA -f"$SENDER" -r"$RECIPIENT"}): no shell, the message on
 * stdin with {@code Return-Path:} and {@code Delivered-To:} prepended and LF line endings (as
 * qmail-local hands messages to programs), qmail-command(8)'s exit codes as
 * {@link DeliveryPolicy#forPipeExit} reads them, and a timeout after which the program is killed.
 * The program's stdout and stderr (the first 4 KiB) become the diagnostic. A spool that cannot be
 * read while the message is piped makes the run deferred whatever the program exits with.
 */
public final class PipeTransport implements AutoCloseable {
    private static final int DIAGNOSTIC_LIMIT = 4096;

    /** The outcome of one invocation, for every recipient it delivered; exit code -1 when none. */
    public record Result(DeliveryStatus status, int exitCode) {
        public DeliveryStatus.Result outcome() {
            return status.result();
        }

        public String diagnostic() {
            return status.diagnostic();
        }
    }

    private final ExecutorService readers;

    public PipeTransport() {
        AtomicInteger n = new AtomicInteger();
        this.readers = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "twgate-pipe-output-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Runs {@code command} once for {@code recipients} (one, or every recipient of the message).
     * Blocks for at most {@code timeout}; call from a delivery thread.
     */
    public Result deliver(PipeCommand command, String sender, List<String> recipients, MessageContent content,
            Duration timeout) {
        return deliver(command, sender, recipients, content, timeout, java.util.function.UnaryOperator.identity());
    }

    /** @param headers rewrites the header block (raw bytes, CRLF) before it goes to the program */
    public Result deliver(PipeCommand command, String sender, List<String> recipients, MessageContent content,
            Duration timeout, java.util.function.UnaryOperator<byte[]> headers) {
        List<String> argv = command.argv(sender, recipients);
        String program = "pipe:" + command.program();
        ProcessBuilder builder = new ProcessBuilder(argv).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.putAll(command.variables(sender, recipients.get(0)));
        env.put("RECIPIENTS", String.join("\n", recipients));
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            return new Result(DeliveryPolicy.forPipeNotStarted(program, "cannot run " + argv.get(0) + ": "
                    + e.getMessage()), -1);
        }
        Future<byte[]> output = readers.submit(() -> readBounded(process.getInputStream()));
        // Written on another thread: a program that never reads its input must not outlive the timeout.
        SpoolReading[] stored = new SpoolReading[1];
        IOException[] openFault = new IOException[1];
        Future<?> writer = readers.submit(() -> {
            try (OutputStream stdin = process.getOutputStream()) {
                try (SpoolReading message = new SpoolReading(content.open())) {
                    stored[0] = message;
                    writeMessage(stdin, sender, recipients, message, headers);
                } catch (IOException e) {
                    if (stored[0] == null) {
                        openFault[0] = e; // the spool file could not even be opened
                    }
                    // else: a read fault is in stored[0]; a write fault means the program exited
                    // without reading everything, and its exit code decides.
                }
            } catch (IOException e) {
                // closing stdin of a program that exited
            }
            return null;
        });
        try {
            if (!process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
                return new Result(DeliveryPolicy.forPipeTimeout(program, argv.get(0) + " did not finish within "
                        + org.twgate.config.syntax.Durations.format(timeout)
                        + " and was killed; output: " + diagnostic(output)), -1);
            }
            int code = process.exitValue();
            String text = diagnostic(output);
            String said = argv.get(0) + " exited with " + code + (text.isEmpty() ? "" : ": " + text);
            // The program has exited, so the writer ends at once (its next write fails); wait for
            // it to know whether the spool was read to the end.
            awaitWriter(writer);
            IOException readFault = openFault[0] != null ? openFault[0] : stored[0] == null ? null : stored[0].fault();
            if (readFault != null) {
                return new Result(DeliveryPolicy.forSpoolReadError(program, "4.3.0 cannot read the stored message"
                        + " while piping it (" + readFault + "); " + said), code);
            }
            return new Result(DeliveryPolicy.forPipeExit(code, program, said), code);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            return new Result(DeliveryPolicy.forInterruption("interrupted while running " + argv.get(0)), -1);
        }
    }

    /** Waits for the stdin writer; one stuck past 5 s (it cannot be: the program is gone) is left. */
    private static void awaitWriter(Future<?> writer) throws InterruptedException {
        try {
            writer.get(5, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | TimeoutException e) {
            // the writer's own faults are in stored/openFault
        }
    }

    private static void writeMessage(OutputStream stdin, String sender, List<String> recipients, InputStream message,
            java.util.function.UnaryOperator<byte[]> rewrite) throws IOException {
        StringBuilder head = new StringBuilder("Return-Path: <").append(sender).append(">\n");
        for (String r : recipients) {
            head.append("Delivered-To: ").append(r).append('\n');
        }
        stdin.write(head.toString().getBytes(StandardCharsets.UTF_8));
        HeaderSection headers = HeaderSection.read(message, 1 << 20).without("Return-Path");
        writeWithLf(stdin, new java.io.ByteArrayInputStream(rewrite.apply(headers.toBytes())));
        writeWithLf(stdin, message);
        stdin.flush();
    }

    /** The spool stores CRLF; programs under qmail read LF-terminated lines. */
    private static void writeWithLf(OutputStream out, InputStream in) throws IOException {
        byte[] buffer = new byte[64 << 10];
        byte[] converted = new byte[buffer.length];
        int n;
        while ((n = in.read(buffer)) > 0) {
            int j = 0;
            for (int i = 0; i < n; i++) {
                if (buffer[i] == '\r' && (i + 1 < n ? buffer[i + 1] == '\n' : peekLf(in))) {
                    continue;
                }
                converted[j++] = buffer[i];
            }
            out.write(converted, 0, j);
        }
    }

    private static boolean peekLf(InputStream in) throws IOException {
        if (!in.markSupported()) {
            return false; // a CR at a buffer boundary is kept; the LF follows, harmless
        }
        in.mark(1);
        int next = in.read();
        in.reset();
        return next == '\n';
    }

    private static byte[] readBounded(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        int n;
        while ((n = in.read(buffer)) > 0) {
            if (out.size() < DIAGNOSTIC_LIMIT) {
                out.write(buffer, 0, Math.min(n, DIAGNOSTIC_LIMIT - out.size()));
            }
        }
        return out.toByteArray();
    }

    private static String diagnostic(Future<byte[]> output) {
        try {
            byte[] bytes = output.get(5, TimeUnit.SECONDS);
            return new String(bytes, StandardCharsets.UTF_8).strip().replaceAll("[\\r\\n]+", " / ");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        } catch (java.util.concurrent.ExecutionException | TimeoutException e) {
            return "";
        }
    }

    @Override
    public void close() {
        readers.shutdownNow();
    }
}
