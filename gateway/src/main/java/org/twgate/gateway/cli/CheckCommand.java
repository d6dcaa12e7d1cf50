package org.twgate.gateway.cli;

import java.util.concurrent.Callable;
import org.twgate.config.ConfigDescriber;
import org.twgate.config.ConfigException;
import org.twgate.config.GatewayConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Validates the configuration and prints the effective routes, policy and limits. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Validate the configuration (and the files it imports); print the effective settings. "
                + "Exits 1 naming file:line on any error.")
final class CheckCommand implements Callable<Integer> {
    @Mixin
    ConfigOption config;

    @Override
    public Integer call() {
        try {
            GatewayConfig loaded = config.load();
            System.out.print(ConfigDescriber.describe(loaded));
            return 0;
        } catch (ConfigException e) {
            System.err.println(e.getMessage());
            return 1;
        }
    }
}
