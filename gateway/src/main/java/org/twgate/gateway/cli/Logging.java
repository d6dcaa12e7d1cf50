package org.twgate.gateway.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import org.slf4j.LoggerFactory;
import org.twgate.config.LoggingConfig;

/**
 * Applies the configured log level to twgate's loggers and, for {@code logging.format: json},
 * puts logback's {@link JsonEncoder} on every appender of the root logger (text is what
 * logback.xml sets up). Called once at start, before the first event worth shipping.
 */
final class Logging {
    private Logging() {
    }

    static void configure(LoggingConfig config) {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            context.getLogger("org.twgate").setLevel(Level.toLevel(config.level().name()));
            if (config.format() == LoggingConfig.Format.JSON) {
                useJson(context);
            }
        }
    }

    /**
     * One JSON object per line: time, level, thread, logger and the formatted message, which
     * keeps its {@code key=value} pairs (queue_id=… event=…). The raw pattern and its arguments
     * are left out: they would repeat the message in a form no shipper needs.
     */
    static void useJson(LoggerContext context) {
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.iteratorForAppenders().forEachRemaining(appender -> useJson(context, appender));
    }

    private static void useJson(LoggerContext context, ch.qos.logback.core.Appender<ILoggingEvent> appender) {
        if (appender instanceof OutputStreamAppender<ILoggingEvent> out) {
            // Swapped in place: stopping the appender would close its stream (System.err).
            out.setEncoder(jsonEncoder(context));
        } else if (appender instanceof ch.qos.logback.core.spi.AppenderAttachable<?> wrapper) {
            @SuppressWarnings("unchecked")
            var inner = (ch.qos.logback.core.spi.AppenderAttachable<ILoggingEvent>) wrapper;
            inner.iteratorForAppenders().forEachRemaining(a -> useJson(context, a)); // e.g. the AsyncAppender
        }
    }

    static JsonEncoder jsonEncoder(LoggerContext context) {
        JsonEncoder encoder = new JsonEncoder();
        encoder.setContext(context);
        encoder.setWithSequenceNumber(false);
        encoder.setWithNanoseconds(false);
        encoder.setWithContext(false);
        encoder.setWithMessage(false);
        encoder.setWithArguments(false);
        encoder.setWithFormattedMessage(true);
        encoder.start();
        return encoder;
    }
}
