package org.twgate.gateway.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import org.slf4j.LoggerFactory;
import org.twgate.config.LoggingConfig;

/** Applies the configured log level to twgate's loggers (the format is chosen in logback.xml). */
final class Logging {
    private Logging() {
    }

    static void configure(LoggingConfig config) {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            context.getLogger("org.twgate").setLevel(Level.toLevel(config.level().name()));
        }
    }
}
