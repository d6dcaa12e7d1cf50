package org.twgate.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the real programs the deployment tests use; a missing one fails the test, saying which package has it. */
final class Commands {
    private Commands() {
    }

    record Result(List<String> command, int exit, String output) {
        Result ok() {
            assertThat(exit).as("exit status of %s; output:%n%s", command, output).isZero();
            return this;
        }
    }

    /** The program on PATH (or in /usr/sbin, /sbin); fails naming the Debian package when it is absent. */
    static String require(String program, String debianPackage) {
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin") + ":/usr/sbin:/sbin";
        for (String dir : path.split(":")) {
            Path candidate = Path.of(dir, program);
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        throw new AssertionError(program + " not found: install Debian's '" + debianPackage
                + "' package (.ci/run does) to run this test");
    }

    /** Runs to completion (stdin empty, stderr into the output); fails if it takes longer than {@code timeout}. */
    static Result run(Duration timeout, String... command) throws IOException, InterruptedException {
        return run(timeout, List.of(command));
    }

    static Result run(Duration timeout, List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        // Read on another thread, so a chatty program cannot block on a full pipe past the deadline.
        var output = new java.util.concurrent.CompletableFuture<String>();
        Thread reader = new Thread(() -> {
            try {
                output.complete(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                output.completeExceptionally(e);
            }
        }, "output of " + command.get(0));
        reader.setDaemon(true);
        reader.start();
        if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(command + " did not finish within " + timeout);
        }
        try {
            return new Result(command, p.exitValue(), output.get(10, TimeUnit.SECONDS));
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IOException("cannot read the output of " + command, e);
        }
    }
}
