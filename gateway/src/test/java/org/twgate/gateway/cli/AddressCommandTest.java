package org.twgate.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code twgate address}: route, matching rule with file:line, rewritten address and header. */
class AddressCommandTest {
    @TempDir
    Path dir;
    Path config;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream originalOut;
    private PrintStream originalErr;

    @BeforeEach
    void capture() throws Exception {
        originalOut = System.out;
        originalErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        config = Files.writeString(dir.resolve("twgate.yaml"), String.join("\n",
                "rewrite:",
                "  sender_headers: true",
                "  sets:",
                "    inbound:",
                "      - id: specials",
                "        match: {local_parts: [root, postmaster], domain: company.com}",
                "        result: \"admin@$HOST\"",
                "      - id: tw-prefix",
                "        match: {prefix: \"tw.\", domain: company.com}",
                "        result: \"$DEFAULT@tw.company.com\"",
                "      - id: huge",
                "        match: {prefix: \"x.\", domain: company.com}",
                "        result: \"$DEFAULT$DEFAULT$DEFAULT$DEFAULT$DEFAULT@tw.company.com\"",
                "    masquerade:",
                "      - match: {domain: tw.company.com}",
                "        result: \"$LOCAL@company.com\"",
                "routes:",
                "  - smtproutes: \"company.com:[127.0.0.1]:2025\"",
                "    name: connector",
                "    final: true",
                "    rewrite: inbound",
                "    rewrite_sender: masquerade",
                "  - smtproutes: \":[127.0.0.1]:25\"",
                "    name: qmail",
                ""));
    }

    @AfterEach
    void restore() {
        System.setOut(originalOut);
        System.setErr(originalErr);
    }

    private String f() {
        return config.toString();
    }

    @Test
    void printsRouteRuleAndRewrittenAddressForEachAddress() {
        int code = Twgate.execute("address", "--config", f(), "tw.john@company.com", "Root@company.com",
                "jane@internet.example");
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(code).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(String.join("\n",
                "tw.john@company.com",
                "  rcpt      250 2.1.5 Recipient ok  (client 127.0.0.1, a relay client)",
                "  route     connector: company.com:[127.0.0.1]:2025 (final delivery), from " + f() + ":18",
                "  rule      tw-prefix of set inbound at " + f() + ":8: prefix tw. at company.com -> $DEFAULT@tw.company.com",
                "  rewritten john@tw.company.com  (ORCPT=rfc822;tw.john@company.com to a DSN-aware next hop)",
                "Root@company.com",
                "  rcpt      250 2.1.5 Recipient ok  (client 127.0.0.1, a relay client)",
                "  route     connector: company.com:[127.0.0.1]:2025 (final delivery), from " + f() + ":18",
                "  rule      specials of set inbound at " + f() + ":5: local parts root,postmaster at company.com"
                        + " -> admin@$HOST",
                "  rewritten admin@company.com  (ORCPT=rfc822;Root@company.com to a DSN-aware next hop)",
                "jane@internet.example",
                "  rcpt      250 2.1.5 Recipient ok  (client 127.0.0.1, a relay client)",
                "  route     qmail: :[127.0.0.1]:25 (relay), from " + f() + ":23",
                "  rule      none: the route has no recipient rule set",
                "  rewritten jane@internet.example",
                ""));
    }

    @Test
    void showsTheSenderAndTheRewrittenHeaderForTheAddresssRoute() {
        int code = Twgate.execute("address", "--config", f(), "--sender", "john@tw.company.com",
                "--header", "To: \"Jane\" <tw.jane@company.com>, tw.bob@company.com (Bob)", "tw.jane@company.com");
        assertThat(code).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains(
                "  sender    john@tw.company.com -> john@company.com (rule set masquerade)\n",
                "  header    To: \"Jane\" <jane@tw.company.com>, bob@tw.company.com (Bob)\n");
    }

    @Test
    void addressThatCannotBeRewrittenOrParsedExitsOneWithTheReason() {
        int code = Twgate.execute("address", "--config", f(), "x." + "y".repeat(20) + "@company.com", "bad address");
        assertThat(code).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("  rule      huge of set inbound at " + f() + ":11: ")
                .contains("  failed    553 5.1.3 cannot rewrite <x." + "y".repeat(20) + "@company.com>: rule huge ("
                        + f() + ":11): ")
                .contains("bad address\n  rcpt      501 5.1.3 ");
    }

    @Test
    void brokenConfigurationExitsTwoNamingFileAndLine() throws Exception {
        Files.writeString(config, "routes:\n  - smtproutes: \"company.com:[127.0.0.1]:2025\"\n    rewrite: nope\n");
        assertThat(Twgate.execute("address", "--config", f(), "a@company.com")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith(f() + ":3: routes[0].rewrite: unknown rewrite"
                + " rule set 'nope'");
    }

    @Test
    void aRefusalAtRcptIsPrintedAsTheClientWouldHearItAndExitsOne() throws Exception {
        Files.writeString(dir.resolve("to.ini"), "[MIME]\nmode = list\nallow = tw.company.com\n");
        Files.writeString(config, Files.readString(config) + "teamware:\n  to_ini: to.ini\n");
        int code = Twgate.execute("address", "--config", f(), "jane@company.com", "jöhn@company.com");
        assertThat(Twgate.execute("address", "--config", f(), "--client", "192.0.2.7", "jane@internet.example"))
                .isEqualTo(1);
        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(code).isEqualTo(1);
        // the connector's mode=list: jane@company.com is delivered as jane@company.com, not allowed
        assertThat(text).contains("jane@company.com\n  rcpt      550 5.7.1 <jane@company.com>: not accepted by the"
                + " connector (mode=list)  (client 127.0.0.1, a relay client)\n");
        // SMTPUTF8 is not offered: a UTF-8 local part is refused at RCPT
        assertThat(text).contains("jöhn@company.com\n  rcpt      553 5.6.7 Non-ASCII address <j\\xC3\\xB6hn@company.com> needs SMTPUTF8");
        // not a relay client, not an accepted domain
        assertThat(text).contains("jane@internet.example\n  rcpt      554 5.7.1 <jane@internet.example>: Relay access"
                + " denied: internet.example is not an accepted domain and client 192.0.2.7 is not a relay client");
    }

    @Test
    void aPipeRouteShowsTheCommandLineAsItWouldRun() throws Exception {
        Files.writeString(config, String.join("\n",
                "rewrite:",
                "  sets:",
                "    twu:",
                "      - match: {prefix: \"tw.\", domain: company.com}",
                "        result: \"$RECIPIENT\"",
                "      - match: {domain: company.com}",
                "        route: qmail",
                "routes:",
                "  - smtproutes: \"company.com:\"",
                "    final: true",
                "    transport: pipe",
                "    command: [/usr/bin/torecvm, -d/to/smtp, -pA, \"-f$SENDER\", \"-r$DEFAULT@tw.company.com\"]",
                "    rewrite: twu",
                "  - smtproutes: \":[127.0.0.1]:25\"",
                "    name: qmail",
                ""));
        int code = Twgate.execute("address", "--config", f(), "tw.John@company.com", "johnw@company.com");
        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(code).as(text + err).isZero();
        assertThat(text).contains("  command   /usr/bin/torecvm -d/to/smtp -pA -f -rJohn@tw.company.com  (the message"
                + " on stdin, Return-Path: <> first)");
        assertThat(text).contains("johnw@company.com\n  rcpt      250 2.1.5 Recipient ok  (client 127.0.0.1, a relay"
                + " client)\n  route     qmail: :[127.0.0.1]:25 (relay), from " + f() + ":14  (handed over from route"
                + " company.com)\n  passed by twu#2 of set twu at " + f() + ":6: domain company.com to route qmail\n");
    }
}
