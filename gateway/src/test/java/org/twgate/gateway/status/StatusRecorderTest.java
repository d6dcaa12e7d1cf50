package org.twgate.gateway.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.twgate.dsn.status.Action;
import org.twgate.gateway.metrics.DsnDisposition;
import org.twgate.gateway.outcome.DeliveryStatus.Result;
import org.twgate.gateway.spool.QueueId;

class StatusRecorderTest {
    static final Instant START = Instant.parse("2026-12-02T10:00:30Z");
    final ManualClock clock = new ManualClock(START);
    final StatusRecorder recorder = new StatusRecorder(clock);
    final AtomicInteger queued = new AtomicInteger();
    final QueueId id = QueueId.next(START.toEpochMilli());

    @Test
    void countsEachFactInTheMinuteItHappenedAndForgetsMinutesOlderThanAnHour() {
        recorder.watchQueue(queued::get);
        queued.set(1);
        recorder.accepted(id, "a@x.example", 2);
        recorder.recipientOutcome(id, "r1@y.example", "connector", Result.DELIVERED, "250 2.0.0 ok");
        recorder.recipientOutcome(id, "r2@y.example", "connector", Result.DEFERRED, "451 4.3.0 later");
        recorder.commandRefused("RCPT", "relay_denied", "554 5.7.1 relay denied");
        recorder.connectionRefused("policy");
        recorder.dsn(Action.FAILED, DsnDisposition.REPORT, id);
        clock.advance(Duration.ofMinutes(2));
        queued.set(3);
        recorder.recipientOutcome(id, "r2@y.example", "connector", Result.FAILED, "550 5.1.1 no such user");

        StatusRecorder.Recorded r = recorder.read();

        assertThat(r.hour()).hasSize(60);
        StatusRecorder.MinuteFigures first = r.hour().get(57);
        assertThat(first.start()).isEqualTo(Instant.parse("2026-12-02T10:00:00Z"));
        assertThat(first.accepted()).isEqualTo(1);
        assertThat(first.delivered()).isEqualTo(1);
        assertThat(first.deferred()).isEqualTo(1);
        assertThat(first.failed()).isZero();
        assertThat(first.refused()).isEqualTo(2);
        assertThat(first.dsn(Action.FAILED, DsnDisposition.REPORT)).isEqualTo(1);
        assertThat(first.queue()).isEqualTo(1);
        assertThat(r.hour().get(58).queue()).as("a minute without facts had the queue of the one before").isEqualTo(1);
        assertThat(r.hour().get(59).failed()).isEqualTo(1);
        assertThat(r.hour().get(59).queue()).isEqualTo(3);
        assertThat(r.hour().get(0).queue()).as("before anything was recorded").isNull();
        StatusRecorder.RouteFigures connector = r.routes().get("connector");
        assertThat(connector.delivered()).isEqualTo(1);
        assertThat(connector.deferred()).isEqualTo(1);
        assertThat(connector.failed()).isEqualTo(1);
        assertThat(connector.lastSuccessReply()).isEqualTo("250 2.0.0 ok");
        assertThat(connector.lastFailureKind()).isEqualTo(StatusRecorder.Kind.FAILED);
        assertThat(connector.lastFailureReply()).isEqualTo("550 5.1.1 no such user");
        assertThat(connector.lastFailure()).isEqualTo(START.plus(Duration.ofMinutes(2)));

        clock.advance(Duration.ofMinutes(59));
        StatusRecorder.Recorded later = recorder.read();
        assertThat(later.hour().stream().mapToInt(StatusRecorder.MinuteFigures::accepted).sum())
                .as("10:00 is more than an hour ago").isZero();
        assertThat(later.hour().stream().mapToInt(StatusRecorder.MinuteFigures::failed).sum()).isEqualTo(1);
        assertThat(later.routes().get("connector").delivered()).isZero();
        assertThat(later.routes().get("connector").failed()).isEqualTo(1);
        assertThat(later.routes().get("connector").lastSuccessReply()).as("the last success is kept however old")
                .isEqualTo("250 2.0.0 ok");
    }

    @Test
    void keepsTheLastEventsNewestFirstEachWithItsQueueId() {
        for (int i = 0; i < StatusRecorder.EVENTS + 5; i++) {
            recorder.recipientOutcome(id, "r" + i + "@y.example", "connector", Result.DEFERRED, "451 try " + i);
        }
        recorder.dsn(Action.RELAYED, DsnDisposition.DISCARDED, null);
        recorder.reloaded("/etc/twgate/twgate.yaml");

        var events = recorder.read().events();

        assertThat(events).hasSize(StatusRecorder.EVENTS);
        assertThat(events.get(0).kind()).isEqualTo(StatusRecorder.Kind.RELOAD);
        assertThat(events.get(1).kind()).isEqualTo(StatusRecorder.Kind.DSN);
        assertThat(events.get(1).detail()).isEqualTo("relayed discarded");
        assertThat(events.get(1).queueId()).isNull();
        assertThat(events.get(2).address()).isEqualTo("r54@y.example");
        assertThat(events.get(2).queueId()).isEqualTo(id.value());
        assertThat(events.get(StatusRecorder.EVENTS - 1).address()).isEqualTo("r7@y.example");
    }

    @Test
    void remembersTheConfigurationInForceAndTheLastRefusedReload() {
        recorder.started("/etc/twgate/twgate.yaml");
        clock.advance(Duration.ofMinutes(5));
        recorder.reloadRefused("/etc/twgate/twgate.yaml:3: server.idle_timeout: not a duration: '5x'");

        StatusRecorder.Recorded r = recorder.read();

        assertThat(r.configSource()).isEqualTo("/etc/twgate/twgate.yaml");
        assertThat(r.configLoaded()).isEqualTo(START);
        assertThat(r.lastReloadRefused()).isEqualTo(START.plus(Duration.ofMinutes(5)));
        assertThat(r.lastReloadError()).contains("twgate.yaml:3");
        clock.advance(Duration.ofMinutes(1));
        recorder.reloaded("/etc/twgate/twgate.yaml");
        assertThat(recorder.read().configLoaded()).isEqualTo(START.plus(Duration.ofMinutes(6)));
    }
}
