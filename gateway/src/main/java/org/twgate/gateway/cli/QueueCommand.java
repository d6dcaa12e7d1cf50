package org.twgate.gateway.cli;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.twgate.config.GatewayConfig;
import org.twgate.gateway.notify.LocalSubmission;
import org.twgate.gateway.notify.DsnCounters;
import org.twgate.gateway.notify.DsnNotifier;
import org.twgate.gateway.queue.StoppedQueue;
import org.twgate.gateway.queue.control.ControlClient;
import org.twgate.gateway.queue.control.QueueConsole;
import org.twgate.gateway.spool.Spool;
import org.twgate.gateway.spool.SpoolLock;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code twgate queue}: like qmail-qread/qmail-qstat and Postfix's mailq, postqueue -f, postsuper -d. */
@Command(name = "queue", mixinStandardHelpOptions = true,
        description = {"Show and act on queued mail, on a running instance (through SPOOL/control.sock) or a stopped one.",
            "  list              every queued message with its recipients, their state and last error",
            "  show ID           envelope, per-recipient history, headers",
            "  retry [ID]        attempt now (all, or one)",
            "  hold ID | release ID",
            "  delete ID         remove (with --notify: send the sender a failure notice)"})
final class QueueCommand implements Callable<Integer> {
    @Mixin
    ConfigOption config;

    @Option(names = "--json", description = "machine-readable output")
    boolean json;

    @Option(names = "--notify", description = "with delete: send a failure notice to the sender")
    boolean notify;

    @Parameters(arity = "1..2", paramLabel = "COMMAND [ID]")
    List<String> words;

    @Override
    public Integer call() {
        Optional<GatewayConfig> found = config.loadOrReport();
        if (found.isEmpty()) {
            return 2;
        }
        GatewayConfig loaded = found.get();
        List<String> request = new ArrayList<>(words);
        if (json) {
            request.add("--json");
        }
        if (notify) {
            request.add("--notify");
        }
        try {
            Optional<QueueConsole.Result> live = ControlClient.send(
                    Spool.controlSocket(loaded.spool().directory()), request);
            QueueConsole.Result result = live.isPresent() ? live.get() : offline(loaded, request);
            System.out.print(result.output());
            return result.exitCode();
        } catch (SpoolLock.SpoolBusyException e) {
            System.err.println("twgate queue: " + e.getMessage() + ", but its control socket does not answer");
            return 3;
        } catch (IOException e) {
            System.err.println("twgate queue: " + e.getMessage());
            return 3;
        }
    }

    private static QueueConsole.Result offline(GatewayConfig config, List<String> request) throws IOException {
        Clock clock = Clock.systemUTC();
        try (Spool spool = Spool.open(config.spool().directory(), 1)) {
            // Notices for deleted messages wait in the spool for the next start to deliver them.
            LocalSubmission submission = new LocalSubmission(spool, stored -> { }, clock);
            // Only failure reports (delete --notify) are made here; relayed notices never are.
            StoppedQueue queue = new StoppedQueue(spool, new DsnNotifier(config.server().hostname(), spool, submission,
                    clock, config.spool().maxLifetime(), route -> DsnNotifier.RELAYED_DISCARDED, new DsnCounters()), clock);
            return new QueueConsole(queue, spool, clock).execute(request);
        }
    }
}
