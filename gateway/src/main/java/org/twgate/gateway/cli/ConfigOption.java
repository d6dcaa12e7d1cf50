package org.twgate.gateway.cli;

import java.nio.file.Path;
import org.twgate.config.ConfigException;
import org.twgate.config.ConfigLoader;
import org.twgate.config.GatewayConfig;
import picocli.CommandLine.Option;

/**
 * {@code --config FILE}: the YAML configuration; without it, the file named by the system
 * property {@code twgate.config} (the Debian package's launcher sets /etc/twgate/twgate.yaml),
 * else the embedded defaults.
 */
final class ConfigOption {
    @Option(names = {"-c", "--config"}, paramLabel = "FILE", defaultValue = "${sys:twgate.config}",
            description = "YAML configuration file (default: /etc/twgate/twgate.yaml when run as /usr/bin/twgate, "
                    + "otherwise the embedded defaults: listen 127.0.0.1:2525, "
                    + "relay to the connector at 127.0.0.1:2025, spool ./spool)")
    Path file;

    GatewayConfig load() throws ConfigException {
        return file == null ? ConfigLoader.defaults(System.getenv()) : ConfigLoader.load(file, System.getenv());
    }

    /** The configuration, or empty after printing every problem (file:line) on standard error. */
    java.util.Optional<GatewayConfig> loadOrReport() {
        try {
            return java.util.Optional.of(load());
        } catch (ConfigException e) {
            System.err.println(e.getMessage());
            return java.util.Optional.empty();
        }
    }
}
