package org.twgate.gateway.log;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.spi.AppenderAttachable;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.twgate.testkit.Await;

/**
 * The production logback.xml never makes a thread that logs wait: with its output stuck (stderr
 * blocked, a shipper behind), an event loop's log calls return at once and what could not be
 * queued is counted.
 */
class NonBlockingLogTest {
    private static final int QUEUE = 8192;

    /** stderr that does not move: the first write waits until released. */
    static final class StuckStream extends java.io.OutputStream {
        final CountDownLatch release = new CountDownLatch(1);

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Test
    void aFullLogQueueDropsAndCountsEventsInsteadOfBlockingTheThreadThatLogs() throws Exception {
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new ch.qos.logback.classic.util.LogbackMDCAdapter());
        JoranConfigurator joran = new JoranConfigurator();
        joran.setContext(context);
        joran.doConfigure(getClass().getClassLoader().getResource("logback.xml")); // the production file
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        @SuppressWarnings("unchecked")
        var async = (AppenderAttachable<ILoggingEvent>) root.getAppender("ASYNC");
        assertThat(async).isInstanceOf(NonBlockingAsyncAppender.class);
        StuckStream stuck = new StuckStream();
        ((OutputStreamAppender<ILoggingEvent>) async.getAppender("STDERR")).setOutputStream(stuck);

        int events = 3 * QUEUE;
        AtomicInteger logged = new AtomicInteger();
        Thread loop = new Thread(() -> {
            org.slf4j.Logger log = context.getLogger("org.twgate.accept");
            for (int i = 0; i < events; i++) {
                log.info("event=command_refused n={}", i);
                logged.incrementAndGet();
            }
        }, "twgate-smtp-io-test");
        loop.start();
        try {
            Await.until(events + " events logged while the output is stuck", Duration.ofSeconds(20),
                    () -> logged.get() == events);
            long dropped = ((NonBlockingAsyncAppender) async).dropped();
            // The queue is full, and the writer took at most one queueful out before it got stuck
            // on the first event: everything else was dropped, and counted.
            assertThat(dropped).isBetween((long) events - 2L * QUEUE - 1, (long) events - QUEUE).isPositive();
        } finally {
            stuck.release.countDown();
            loop.join(30_000);
            context.stop();
        }
    }
}
