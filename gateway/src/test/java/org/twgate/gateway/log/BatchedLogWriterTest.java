package org.twgate.gateway.log;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.spi.AppenderAttachable;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.twgate.testkit.Await;

/**
 * The production logback.xml writes what has queued in one write to standard error, not one per
 * line, and still loses nothing it queued: a lone line is written at once, and what waits at a
 * stop is written before the stop returns.
 */
class BatchedLogWriterTest {
    /** Standard error that counts its writes; the first one waits until the test lets it go. */
    static final class CountingStream extends OutputStream {
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final AtomicInteger writes = new AtomicInteger();
        final ByteArrayOutputStream text = new ByteArrayOutputStream();

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            entered.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            writes.incrementAndGet();
            synchronized (text) {
                text.write(b, off, len);
            }
        }

        long lines() {
            synchronized (text) {
                return text.toString(StandardCharsets.UTF_8).lines().count();
            }
        }
    }

    LoggerContext context;
    CountingStream stderr = new CountingStream();
    org.slf4j.Logger log;

    @BeforeEach
    void configure() throws Exception {
        context = new LoggerContext();
        context.setMDCAdapter(new ch.qos.logback.classic.util.LogbackMDCAdapter());
        JoranConfigurator joran = new JoranConfigurator();
        joran.setContext(context);
        joran.doConfigure(getClass().getClassLoader().getResource("logback.xml")); // the production file
        @SuppressWarnings("unchecked")
        var async = (AppenderAttachable<ILoggingEvent>) context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("ASYNC");
        assertThat(async.getAppender("STDERR")).isInstanceOf(StderrAppender.class);
        ((StderrAppender) async.getAppender("STDERR")).writeTo(stderr);
        log = context.getLogger("org.twgate.queue");
    }

    @AfterEach
    void stop() {
        stderr.release.countDown();
        context.stop();
    }

    @Test
    void linesThatQueuedMeanwhileLeaveInOneWrite() throws Exception {
        log.info("queue_id=first event=delivered");
        assertThat(stderr.entered.await(10, TimeUnit.SECONDS)).as("the first line is written at once").isTrue();
        // The writer is inside the first write now: these queue behind it.
        int queued = 300; // about 30 KiB of lines: within one 64 KiB buffer
        for (int i = 0; i < queued; i++) {
            log.info("queue_id={} event=delivered rcpt=<r{}@tw.company.com> route=connector", i, i);
        }
        stderr.release.countDown();

        Await.until("every line written", Duration.ofSeconds(10), () -> stderr.lines() == queued + 1);
        // One write for the first line and one for the batch (logback's AsyncAppender and
        // ConsoleAppender made it 301); the writer may have split the batch once.
        assertThat(stderr.writes.get()).isBetween(2, 3);
    }

    @Test
    void whatIsQueuedAtAStopIsWrittenBeforeTheStopReturns() {
        stderr.release.countDown();
        for (int i = 0; i < 100; i++) {
            log.info("queue_id={} event=accepted", i);
        }
        context.stop();

        assertThat(stderr.lines()).isEqualTo(100);
    }
}
