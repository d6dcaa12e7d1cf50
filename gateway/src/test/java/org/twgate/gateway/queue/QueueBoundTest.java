package org.twgate.gateway.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class QueueBoundTest {
    @Test
    void pausesAtTheBoundAndResumesOnlyBelowNinetyPercent() {
        AtomicInteger queued = new AtomicInteger(9);
        QueueBound bound = new QueueBound(10, queued::get);
        assertThat(bound.admits()).isTrue();
        queued.set(10);
        assertThat(bound.admits()).isFalse();
        queued.set(9); // one delivered: still paused, or it would flap with every delivery
        assertThat(bound.admits()).isFalse();
        assertThat(bound.paused()).isTrue();
        queued.set(8);
        assertThat(bound.admits()).isTrue();
        queued.set(9);
        assertThat(bound.admits()).isTrue();
        assertThat(bound.resumeBelow()).isEqualTo(9);
    }

    @Test
    void autoIsTheHeapLessAReserveAtTwoKibAMessage() {
        assertThat(QueueBound.auto(32L << 20)).isEqualTo((20 << 20) / 2048);
        assertThat(QueueBound.auto(512L << 20)).isEqualTo((500 << 20) / 2048);
        assertThat(QueueBound.auto(8L << 20)).isEqualTo(100);
    }
}
