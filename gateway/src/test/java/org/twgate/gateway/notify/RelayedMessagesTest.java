package org.twgate.gateway.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RelayedMessagesTest {
    @TempDir
    Path dir;

    @Test
    void aRecordSurvivesARestart() throws Exception {
        RelayedMessages.open(dir, 1 << 20).record("<a@x>", "E+2B1", Map.of("b@y", "rfc822;c+40y"));
        RelayedMessages reopened = RelayedMessages.open(dir, 1 << 20);
        assertThat(reopened.find(" <a@x> ")).contains(new RelayedMessages.Relayed("E+2B1", Map.of("b@y", "rfc822;c+40y")));
        assertThat(reopened.find("<other@x>")).isEmpty();
    }

    @Test
    void theNotifyOfEachRecipientSurvivesARestartAndOldLinesStillRead() throws Exception {
        RelayedMessages.open(dir, 1 << 20).record("<a@x>", null,
                Map.of("b@y", "rfc822;b+40y", "c@y", "rfc822;c+40y"), Map.of("b@y", "NEVER"));
        Files.writeString(dir.resolve("relayed.log"), "<old@x>\t-\td=e@y=rfc822;d+3De+40y\n",
                java.nio.file.StandardOpenOption.APPEND);
        RelayedMessages reopened = RelayedMessages.open(dir, 1 << 20);
        RelayedMessages.Relayed r = reopened.find("<a@x>").orElseThrow();
        assertThat(r.notify("B@y")).contains("NEVER");
        assertThat(r.notify("c@y")).isEmpty();
        assertThat(r.orcptByAddress()).containsEntry("c@y", "rfc822;c+40y");
        assertThat(reopened.find("<old@x>").orElseThrow().orcptByAddress()).containsExactly(
                Map.entry("d=e@y", "rfc822;d+3De+40y"));
    }

    @Test
    void staysWithinItsBoundAndForgetsTheOldestFirst() throws Exception {
        long bound = 16 * 1024;
        RelayedMessages store = RelayedMessages.open(dir, bound);
        for (int i = 0; i < 2000; i++) {
            store.record("<m" + i + "@x>", null, Map.of("r" + i + "@y", "rfc822;r" + i + "+40y"));
        }
        long onDisk;
        try (var files = Files.list(dir)) {
            onDisk = files.mapToLong(f -> f.toFile().length()).sum();
        }
        assertThat(onDisk).isLessThanOrEqualTo(bound);
        assertThat(store.find("<m1999@x>")).isPresent();
        assertThat(store.find("<m0@x>")).isEmpty();
        assertThat(RelayedMessages.open(dir, bound).find("<m1999@x>")).isPresent();
    }

    @Test
    void theHeapHoldsAnIndexNotTheRecords() throws Exception {
        RelayedMessages store = RelayedMessages.open(dir, 8 << 20);
        Map<String, String> thousand = new java.util.HashMap<>();
        for (int r = 0; r < 1000; r++) {
            thousand.put("recipient" + r + "@connector.example", "rfc822;recipient" + r + "+40connector.example");
        }
        for (int i = 0; i < 60; i++) {
            store.record("<many" + i + "@x>", "E" + i, thousand);
        }
        for (int i = 0; i < 20_000; i++) {
            store.record("<m" + i + "@x>", null, Map.of("r" + i + "@y", "rfc822;r" + i + "+40y"));
        }
        // About 4 MiB of lines on disk; the heap keeps at most 24 octets a record for them.
        assertThat(store.heapBytes()).isLessThanOrEqualTo(24L * 20_060);
        assertThat(store.find("<many7@x>").orElseThrow().orcptByAddress()).hasSize(1000)
                .containsEntry("recipient999@connector.example", "rfc822;recipient999+40connector.example");
        assertThat(store.find("<m19999@x>").orElseThrow().orcptByAddress()).containsKey("r19999@y");
    }

    @Test
    void aRecordAfterATornLineStillReads() throws Exception {
        Files.writeString(dir.resolve("relayed.log"), "<a@x>\t-\tb@y=rfc822;b+40y\n<torn");
        RelayedMessages.open(dir, 1 << 20).record("<c@x>", null, Map.of("d@y", "rfc822;d+40y"));
        assertThat(RelayedMessages.open(dir, 1 << 20).find("<c@x>")).isPresent();
    }

    @Test
    void ignoresATornLastLine() throws Exception {
        Files.writeString(dir.resolve("relayed.log"), "<a@x>\t-\tb@y=rfc822;b+40y\n<torn");
        assertThat(RelayedMessages.open(dir, 1 << 20).find("<a@x>")).isPresent();
    }
}
