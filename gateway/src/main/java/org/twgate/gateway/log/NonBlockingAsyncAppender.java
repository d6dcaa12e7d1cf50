package org.twgate.gateway.log;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import ch.qos.logback.core.spi.AppenderAttachable;
import ch.qos.logback.core.spi.AppenderAttachableImpl;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.LoggerFactory;

/**
 * Hands log events to one writer thread and never blocks the thread that logs: a full queue
 * drops the event, and every dropped event is counted exactly ({@code offer} refuses it).
 *
 * <p>Written for twgate rather than logback's {@code AsyncAppender} (which it replaced) for the
 * cost per line: that writer wakes for every event and its console appender flushes every line,
 * so a relay logging two lines a message paid a thread wake-up and a {@code write(2)} per line
 * (7 % of the CPU samples of the 20-session benchmark, bench/profile 2026-12-05). This writer
 * takes what has queued, writes it, flushes each attached {@link StderrAppender} once, and
 * then rests {@link #LINGER_MILLIS} before it looks again: under load a batch gathers meanwhile
 * and no one has to wake it; a lone event (the writer waiting in {@code take}) is written at once.
 * A line is late by at most the linger.
 */
public final class NonBlockingAsyncAppender extends UnsynchronizedAppenderBase<ILoggingEvent>
        implements AppenderAttachable<ILoggingEvent> {
    static final int DEFAULT_QUEUE_SIZE = 8192;
    static final long LINGER_MILLIS = 10;
    /** How long {@link #stop()} waits for the writer to write what is queued. */
    private static final long STOP_WAIT_MILLIS = 1000;

    private final AppenderAttachableImpl<ILoggingEvent> appenders = new AppenderAttachableImpl<>();
    private final LongAdder dropped = new LongAdder();
    private int queueSize = DEFAULT_QUEUE_SIZE;
    private BlockingQueue<ILoggingEvent> queue;
    private Thread writer;

    public void setQueueSize(int queueSize) {
        this.queueSize = queueSize;
    }

    /** Accepted for configurations written for logback's AsyncAppender; blocking cannot be turned on. */
    public void setNeverBlock(boolean neverBlock) {
        if (!neverBlock) {
            addWarn("neverBlock=false ignored: twgate's logging never blocks a thread; dropped events are counted");
        }
    }

    @Override
    public void start() {
        if (isStarted()) {
            return;
        }
        if (queueSize < 1) {
            addError("queueSize " + queueSize + " is not positive");
            return;
        }
        queue = new ArrayBlockingQueue<>(queueSize);
        writer = new Thread(this::writeUntilStopped, "twgate-log-writer");
        writer.setDaemon(true); // as logback's: a JVM that exits is not held up by its logging
        super.start();
        writer.start();
    }

    @Override
    protected void append(ILoggingEvent event) {
        event.prepareForDeferredProcessing(); // message, MDC and thread name, as of now
        if (!queue.offer(event)) {
            dropped.increment();
        }
    }

    private void writeUntilStopped() {
        List<ILoggingEvent> batch = new ArrayList<>();
        try {
            while (true) {
                batch.add(queue.take());
                queue.drainTo(batch);
                write(batch);
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(LINGER_MILLIS));
                if (Thread.interrupted()) {
                    break;
                }
            }
        } catch (InterruptedException stopping) {
            // what is queued is written below
        }
        queue.drainTo(batch);
        write(batch);
    }

    private void write(List<ILoggingEvent> batch) {
        for (ILoggingEvent event : batch) {
            appenders.appendLoopOnAppenders(event);
        }
        batch.clear();
        for (Iterator<Appender<ILoggingEvent>> it = appenders.iteratorForAppenders(); it.hasNext(); ) {
            if (it.next() instanceof StderrAppender stderr) {
                stderr.flush(); // any other appender flushes itself (immediateFlush) or not at all
            }
        }
    }

    @Override
    public void stop() {
        if (!isStarted()) {
            return;
        }
        super.stop(); // doAppend takes no more events
        writer.interrupt();
        try {
            writer.join(STOP_WAIT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (writer.isAlive()) {
            addWarn("log writer still busy after " + STOP_WAIT_MILLIS + " ms; " + queue.size() + " events not written");
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

    // AppenderAttachable: the appenders this one writes to ---------------------------------

    @Override
    public void addAppender(Appender<ILoggingEvent> appender) {
        appenders.addAppender(appender);
    }

    @Override
    public Iterator<Appender<ILoggingEvent>> iteratorForAppenders() {
        return appenders.iteratorForAppenders();
    }

    @Override
    public Appender<ILoggingEvent> getAppender(String name) {
        return appenders.getAppender(name);
    }

    @Override
    public boolean isAttached(Appender<ILoggingEvent> appender) {
        return appenders.isAttached(appender);
    }

    @Override
    public void detachAndStopAllAppenders() {
        appenders.detachAndStopAllAppenders();
    }

    @Override
    public boolean detachAppender(Appender<ILoggingEvent> appender) {
        return appenders.detachAppender(appender);
    }

    @Override
    public boolean detachAppender(String name) {
        return appenders.detachAppender(name);
    }
}
