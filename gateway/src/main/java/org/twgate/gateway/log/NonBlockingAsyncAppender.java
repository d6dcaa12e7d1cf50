package org.twgate.gateway.log;

import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.spi.AppenderAttachable;
import java.util.Iterator;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.LoggerFactory;

/**
 * logback's {@link AsyncAppender} that never blocks the thread that logs and counts what it
 * drops. {@code neverBlock} is always on (a full queue drops the event rather than stall an event
 * loop on stderr), nothing is discarded before the queue is full ({@code discardingThreshold} 0),
 * and every dropped event is counted: checking for room and queueing happen under one lock, so
 * the count is exact. The lock is held for a queue offer, never for I/O.
 */
public final class NonBlockingAsyncAppender extends AsyncAppender {
    private final LongAdder dropped = new LongAdder();
    private final Object queueing = new Object();

    public NonBlockingAsyncAppender() {
        super.setNeverBlock(true);
        setDiscardingThreshold(0);
    }

    /** Configuration may not turn blocking back on. */
    @Override
    public void setNeverBlock(boolean neverBlock) {
        if (!neverBlock) {
            addWarn("neverBlock=false ignored: twgate's logging never blocks a thread; dropped events are counted");
        }
        super.setNeverBlock(true);
    }

    @Override
    protected void append(ILoggingEvent event) {
        synchronized (queueing) {
            if (getRemainingCapacity() == 0) {
                dropped.increment();
                return;
            }
            super.append(event); // there is room, and only the writer thread takes from the queue
        }
    }

    /** Events this appender dropped because its queue was full. */
    public long dropped() {
        return dropped.sum();
    }

    /** Events dropped by every such appender of the running logback configuration (the metric). */
    public static long droppedEvents() {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return 0;
        }
        return dropped(context.getLogger(Logger.ROOT_LOGGER_NAME).iteratorForAppenders());
    }

    private static long dropped(Iterator<Appender<ILoggingEvent>> appenders) {
        long sum = 0;
        while (appenders.hasNext()) {
            Appender<ILoggingEvent> a = appenders.next();
            if (a instanceof NonBlockingAsyncAppender counting) {
                sum += counting.dropped();
            } else if (a instanceof AppenderAttachable<?> wrapper) {
                @SuppressWarnings("unchecked")
                var inner = (AppenderAttachable<ILoggingEvent>) wrapper;
                sum += dropped(inner.iteratorForAppenders());
            }
        }
        return sum;
    }
}
