package org.twgate.config;

import java.util.Objects;

/** Log level and line format. */
public record LoggingConfig(Level level, Format format) {

    /** SLF4J levels. */
    public enum Level { TRACE, DEBUG, INFO, WARN, ERROR }

    /** Plain text for a terminal, JSON lines for a log collector. */
    public enum Format { TEXT, JSON }

    public LoggingConfig {
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(format, "format");
    }
}
