package org.twgate.gateway.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.twgate.config.GatewayConfig;
import org.twgate.gateway.spool.Spool;
import org.twgate.gateway.queue.control.ControlClient;
import org.twgate.gateway.queue.control.QueueConsole;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code twgate reload}: the same as SIGHUP, through the running instance's control socket, with the answer. */
@Command(name = "reload", mixinStandardHelpOptions = true,
        description = "Make the running instance re-read its configuration (as SIGHUP does) and say what happened. "
                + "An invalid configuration is refused and the running one kept (exit 1).")
final class ReloadCommand implements Callable<Integer> {
    @Mixin
    ConfigOption config;

    @Override
    public Integer call() {
        Optional<GatewayConfig> loaded = config.loadOrReport();
        if (loaded.isEmpty()) {
            // The same refusal the running instance would give (it never sees a file that does not load).
            System.err.println("twgate reload: refused, the running configuration stays (the instance was not asked)");
            return 1;
        }
        Path socket = Spool.controlSocket(loaded.get().spool().directory());
        try {
            Optional<QueueConsole.Result> answer = ControlClient.send(socket, List.of("reload"));
            if (answer.isEmpty()) {
                System.err.println("twgate reload: no running twgate answers on " + socket);
                return 3;
            }
            System.out.print(answer.get().output());
            return answer.get().exitCode();
        } catch (IOException e) {
            System.err.println("twgate reload: " + e.getMessage());
            return 3;
        }
    }
}
