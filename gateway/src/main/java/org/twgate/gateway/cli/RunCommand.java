package org.twgate.gateway.cli;

import java.util.Optional;

import java.io.IOException;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.twgate.config.GatewayConfig;
import org.twgate.gateway.Gateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Runs the gateway until SIGTERM or SIGINT; then stops gracefully (see ShutdownHook). */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run the gateway in the foreground. SIGTERM stops accepting, lets sessions finish "
                + "within server.shutdown_grace, and exits; nothing queued is lost.")
final class RunCommand implements Callable<Integer> {
    @Mixin
    ConfigOption config;

    @Override
    public Integer call() throws InterruptedException {
        Optional<GatewayConfig> found = config.loadOrReport();
        if (found.isEmpty()) {
            return 2;
        }
        GatewayConfig loaded = found.get();
        Logging.configure(loaded.logging());
        Logger log = LoggerFactory.getLogger(RunCommand.class);
        loaded.warnings().forEach(w -> log.warn("event=config_warning {}", w));
        Gateway gateway;
        try {
            gateway = Gateway.start(loaded, Clock.systemUTC());
        } catch (IOException | RuntimeException e) {
            log.error("event=start_failed error=\"{}\"", e.getMessage());
            System.err.println("twgate: cannot start: " + e.getMessage());
            return 3;
        }
        log.info("event=started source={} smtp={}", loaded.source(), gateway.smtpAddresses());
        ReloadSignal.install(gateway.reloader(config::load));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            gateway.stop();
            // The last lines (event=stopped) wait in the asynchronous appender: flush them.
            if (LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext context) {
                context.stop();
            }
            stopped.countDown();
        }, "twgate-shutdown"));
        stopped.await();
        return 0;
    }
}
