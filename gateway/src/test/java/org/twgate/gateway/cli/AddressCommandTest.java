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
                "  route     connector: company.com:[127.0.0.1]:2025 (final delivery), from " + f() + ":18",
                "  rule      tw-prefix of set inbound at " + f() + ":8: prefix tw. at company.com -> $DEFAULT@tw.company.com",
                "  rewritten john@tw.company.com  (ORCPT=rfc822;tw.john@company.com to a DSN-aware next hop)",
                "Root@company.com",
                "  route     connector: company.com:[127.0.0.1]:2025 (final delivery), from " + f() + ":18",
                "  rule      specials of set inbound at " + f() + ":5: local parts root,postmaster at company.com"
                        + " -> admin@$HOST",
                "  rewritten admin@company.com  (ORCPT=rfc822;Root@company.com to a DSN-aware next hop)",
                "jane@internet.example",
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
                .contains("bad address\n  error     invalid address \"bad address\"");
    }

    @Test
    void brokenConfigurationExitsTwoNamingFileAndLine() throws Exception {
        Files.writeString(config, "routes:\n  - smtproutes: \"company.com:[127.0.0.1]:2025\"\n    rewrite: nope\n");
        assertThat(Twgate.execute("address", "--config", f(), "a@company.com")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith(f() + ":3: routes[0].rewrite: unknown rewrite"
                + " rule set 'nope'");
    }
}
