package org.twgate.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twgate.gateway.cli.Twgate;
import org.twgate.testkit.Await;
import org.twgate.testkit.Closeables;
import org.twgate.testkit.RecordingSmtpServer;

/** twgate queue against a live instance whose connector answers 451, and against a stopped spool. */
class QueueControlTest {
    @TempDir
    Path dir;
    RecordingSmtpServer connector;
    GatewayFixture twgate;
    volatile boolean connectorDown = true;

    @BeforeEach
    void start() throws Exception {
        connector = RecordingSmtpServer.start();
        connector.onEndOfData(i -> connectorDown ? "451 4.3.0 connector busy" : "250 2.0.0 ok " + i);
        twgate = new GatewayFixture(dir, String.join("\n",
                "  - smtproutes: \":[127.0.0.1]:" + connector.port() + "\"", "    name: connector", "    final: true"),
                "", "1h");
    }

    @AfterEach
    void stop() throws Exception {
        Closeables.closeAll(twgate, connector);
    }

    record Run(int exit, String out) {
    }

    private Run queue(String... args) {
        List<String> all = new ArrayList<>(List.of("queue", "--config", twgate.configFile.toString()));
        all.addAll(List.of(args));
        PrintStream saved = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            int exit = Twgate.execute(all.toArray(String[]::new));
            return new Run(exit, out.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(saved);
        }
    }

    private List<String> queuedIds() {
        Matcher m = Pattern.compile("\"id\":\"([0-9A-F]{16})\"").matcher(queue("list", "--json").out());
        List<String> ids = new ArrayList<>();
        while (m.find()) {
            ids.add(m.group(1));
        }
        return ids;
    }

    private void sendThree() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertThat(twgate.send("john@company.com", "r" + i + "@tw.company.com", "Subject: q" + i + "\r\n\r\nx\r\n"))
                    .startsWith("250");
        }
        Await.until("three deferred", Duration.ofSeconds(10), () -> queue("list").out().split("connector busy", -1).length == 4);
    }

    @Test
    void listShowsDeferredMessagesWithTheError() throws Exception {
        sendThree();
        Run list = queue("list");
        assertThat(list.exit()).isZero();
        assertThat(list.out()).contains("<john@company.com>", "<r0@tw.company.com> pending:", "451 4.3.0 connector busy",
                "-- 3 message(s)");
        String json = queue("list", "--json").out();
        assertThat(json).startsWith("{\"messages\":[{\"id\":\"").contains("\"state\":\"pending\"", "\"attempts\":1");
        String id = queuedIds().get(0);
        Run show = queue("show", id);
        assertThat(show.out()).contains("id:        " + id, "deferred rcpt=0 route=connector", "Subject: q0",
                "Received: from qmail.company.com");
    }

    @Test
    void retryDeliversOnceTheConnectorAcceptsButHeldMessagesStay() throws Exception {
        sendThree();
        String held = queuedIds().get(1);
        assertThat(queue("hold", held).out()).isEqualTo(held + ": held\n");
        connectorDown = false;
        assertThat(queue("retry").out()).isEqualTo("scheduled 2 message(s) for delivery now\n");
        Await.until("two delivered", Duration.ofSeconds(10), () -> queuedIds().equals(List.of(held)));
        assertThat(queue("list").out()).contains("(held)");
        assertThat(queue("release", held).exit()).isZero();
        assertThat(queue("retry", held).exit()).isZero();
        Await.until("held one delivered", Duration.ofSeconds(10), () -> queuedIds().isEmpty());
    }

    @Test
    void deleteRemovesSilentlyOrWithANotice() throws Exception {
        sendThree();
        List<String> ids = queuedIds();
        assertThat(queue("delete", ids.get(0)).out()).isEqualTo(ids.get(0) + ": deleted silently\n");
        connectorDown = false;
        assertThat(queue("delete", ids.get(1), "--notify").exit()).isZero();
        Await.until("the notice reaches the sender", Duration.ofSeconds(10), () -> connector.transactions().stream()
                .anyMatch(t -> t.mail().startsWith("MAIL FROM:<>") && t.endReply().startsWith("250")));
        assertThat(queuedIds()).doesNotContain(ids.get(0), ids.get(1));
        assertThat(queue("delete", ids.get(0)).exit()).isEqualTo(1);
        assertThat(queue("show", "nonsense").exit()).isEqualTo(2);
    }

    @Test
    void worksOnTheSpoolOfAStoppedInstance() throws Exception {
        sendThree();
        List<String> ids = queuedIds();
        twgate.close();
        Run list = queue("list");
        assertThat(list.out()).contains("-- 3 message(s)", "451 4.3.0 connector busy");
        assertThat(queue("hold", ids.get(0)).exit()).isZero();
        assertThat(queue("delete", ids.get(1)).exit()).isZero();
        assertThat(queue("list").out()).contains("-- 2 message(s)", "(held)");
        twgate = null;
    }
}
