package org.twgate.gateway.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twgate.config.ConfigLoader;
import org.twgate.config.route.Route;
import org.twgate.gateway.deliver.HeaderSection;
import org.twgate.gateway.outcome.DeliveryStatus.Result;
import org.twgate.gateway.queue.RecipientOutcome;
import org.twgate.gateway.spool.StoredMessage;

/** The record of a relayed message's Message-ID, which a later qmail bounce is matched against. */
class RouteDsnHooksTest {
    @TempDir
    Path dir;
    NoticeFixture fx;
    RelayedMessages relayed;
    RouteDsnHooks hooks;
    Route relay;

    @BeforeEach
    void start() throws Exception {
        fx = new NoticeFixture(dir.resolve("spool"));
        relayed = RelayedMessages.open(dir.resolve("relayed"), 1 << 20);
        hooks = new RouteDsnHooks(fx.spool, new FinalRouteReports("gw.test", fx.spool, relayed, Clock.systemUTC(),
                new DsnCounters()), relayed);
        Path file = dir.resolve("twgate.yaml");
        Files.writeString(file, String.join("\n", "routes:",
                "  - smtproutes: \"qmail.company.com:[127.0.0.1]:2025\"",
                "    name: qmail",
                "    final: false", ""));
        relay = ConfigLoader.load(file, Map.of()).routes().lookup("qmail.company.com").orElseThrow();
    }

    @AfterEach
    void stop() {
        fx.close();
    }

    private static List<RecipientOutcome> accepted(StoredMessage m) {
        return m.envelope().recipients().stream().map(r -> new RecipientOutcome(r.index(), Result.DELIVERED,
                "250 ok", "qmail.test", "250 ok", false)).toList();
    }

    @Test
    void takesTheMessageIdFromTheHeadersTheDeliveryReadWithoutReadingTheSpoolAgain() throws Exception {
        StoredMessage m = fx.store("a@x.com", null, "E1", "Message-ID: <stored@x>\r\n\r\nbody\r\n", "b@qmail.company.com");
        // Told what the delivery read, the hook must not look at the file: here it differs from it.
        HeaderSection read = HeaderSection.of(List.of("Subject: s\r\n", "message-id:\r\n <seen@x>\r\n"));

        hooks.afterDelivery(relay, m, m.envelope().recipients(), accepted(m), read);

        assertThat(relayed.find("<seen@x>")).isPresent();
        assertThat(relayed.find("<stored@x>")).isEmpty();
    }

    @Test
    void readsTheStoredMessageWhenTheDeliveryReadNoHeaders() throws Exception {
        StoredMessage m = fx.store("a@x.com", null, "E1", "Message-ID: <stored@x>\r\n\r\nbody\r\n", "b@qmail.company.com");

        hooks.afterDelivery(relay, m, m.envelope().recipients(), accepted(m), null);

        assertThat(relayed.find("<stored@x>")).isPresent();
    }
}
