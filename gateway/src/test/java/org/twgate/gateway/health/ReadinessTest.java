package org.twgate.gateway.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReadinessTest {
    private static final long GIB = 1024L * 1024 * 1024;
    private static final List<InetSocketAddress> LISTENING = List.of(new InetSocketAddress("127.0.0.1", 2525));

    @TempDir
    Path spool;

    @Test
    void readyWhenListeningWritableWithRoomAndConfigured() {
        HealthReport report = new Readiness(() -> LISTENING, spool, () -> 5 * GIB, 50L << 20, () -> "twgate.yaml").check();
        assertThat(report.ready()).isTrue();
        assertThat(report.text()).isEqualTo("ready\n"
                + "ok   smtp: listening on [/127.0.0.1:2525]\n"
                + "ok   spool: " + spool + " writable, 5120 MiB usable\n"
                + "ok   configuration: loaded from twgate.yaml\n");
    }

    @Test
    void notReadyWhileNotListening() {
        HealthReport report = new Readiness(List::of, spool, () -> 5 * GIB, 0, () -> "twgate.yaml").check();
        assertThat(report.ready()).isFalse();
        assertThat(report.text()).startsWith("not ready\n")
                .contains("FAIL smtp: not listening (starting or shutting down)");
    }

    @Test
    void notReadyWhenTheSpoolHasLessRoomThanTheLargestMessage() {
        HealthReport report = new Readiness(() -> LISTENING, spool, () -> 30L << 20, 50L << 20, () -> "x").check();
        assertThat(report.ready()).isFalse();
        assertThat(report.text()).contains("FAIL spool: " + spool + " has 30 MiB usable: a message of server.max_message_size (50 MiB)"
                + " would not fit");
    }

    @Test
    void aSmallMessageLimitStillNeedsTheFloor() {
        HealthReport report = new Readiness(() -> LISTENING, spool, () -> 5L << 20, 1024, () -> "x").check();
        assertThat(report.text()).contains("FAIL spool: " + spool + " has 5 MiB usable: less than the 10 MiB twgate keeps"
                + " free for the spool");
    }

    @Test
    void notReadyWhenTheSpoolIsMissingOrItsSpaceUnreadable() {
        Path missing = spool.resolve("gone");
        assertThat(new Readiness(() -> LISTENING, missing, () -> GIB, 0, () -> "x").check().text())
                .contains("FAIL spool: " + missing + " is not a writable directory");
        assertThat(new Readiness(() -> LISTENING, spool, () -> {
            throw new IOException("stale NFS handle");
        }, 0, () -> "x").check().text()).contains("FAIL spool: cannot read the free space of " + spool
                + ": stale NFS handle");
    }

    @Test
    void notReadyWithoutAConfiguration() {
        assertThat(new Readiness(() -> LISTENING, spool, () -> GIB, 0, () -> null).check().text())
                .contains("FAIL configuration: no configuration loaded");
    }
}
