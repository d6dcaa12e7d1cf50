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
    void ignoresATornLastLine() throws Exception {
        Files.writeString(dir.resolve("relayed.log"), "<a@x>\t-\tb@y=rfc822;b+40y\n<torn");
        assertThat(RelayedMessages.open(dir, 1 << 20).find("<a@x>")).isPresent();
    }
}
