package org.twgate.config.rewrite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twgate.config.ConfigException;
import org.twgate.config.ConfigLoader;
import org.twgate.config.GatewayConfig;
import org.twgate.config.route.Route;
import org.twgate.rewrite.address.EmailAddress;
import org.twgate.rewrite.rule.RewriteResult;
import org.twgate.rewrite.rule.RuleSet;

/** Rule sets in the YAML file: compiled at load time, referenced by routes, errors at file:line. */
class RewriteConfigTest {

    @TempDir
    Path dir;

    @Test
    void ruleSetsAreCompiledInOrderWithTheirFileLine() throws Exception {
        GatewayConfig c = load("""
                rewrite:
                  sets:
                    inbound:
                      - id: specials
                        match: {local_parts: [root, postmaster, webmaster], domain: company.com}
                        result: "admin@$HOST"
                      - match: {prefix: "tw.", domain: company.com}
                        result: "$DEFAULT@tw.company.com"
                      - match: {suffix: ".tw"}
                        result: "$DEFAULT@tw.company.com"
                      - match: {address: "boss@company.com"}
                        result: "chief@tw.company.com"
                      - match: {domain: company.com}
                        result: '"$LOCAL"@tw.company.com'
                routes:
                  - smtproutes: "company.com:[127.0.0.1]:2025"
                    rewrite: inbound
                """);
        RuleSet set = c.rewrite().set("inbound").orElseThrow();
        assertThat(rewrite(set, "Root@company.com")).isEqualTo("admin@company.com");
        assertThat(rewrite(set, "tw.John@company.com")).isEqualTo("John@tw.company.com");
        assertThat(rewrite(set, "john.tw@elsewhere.example")).isEqualTo("john@tw.company.com");
        assertThat(rewrite(set, "boss@company.com")).isEqualTo("chief@tw.company.com");
        assertThat(rewrite(set, "jane@company.com")).isEqualTo("jane@tw.company.com");
        assertThat(rewrite(set, "jane@other.example")).isEqualTo("jane@other.example");
        RewriteResult.Rewritten r = (RewriteResult.Rewritten) set.rewrite(EmailAddress.parse("tw.x@company.com"));
        assertThat(r.rule().id()).isEqualTo("inbound#2");
        assertThat(r.rule().source()).hasToString(f() + ":7");
        Route route = c.routes().lookup("company.com").orElseThrow();
        assertThat(route.rewrite()).isEqualTo("inbound");
        assertThat(route.rewriteSender()).isNull();
        assertThat(route.headerMode()).isEqualTo(HeaderMode.ALL);
    }

    @Test
    void routesTakeSenderSetAndHeaderModeAndTheDefaultsFromTheRewriteSection() throws Exception {
        GatewayConfig c = load("""
                rewrite:
                  header_mode: envelope
                  sender_headers: true
                  sets:
                    out:
                      - match: {domain: tw.company.com}
                        result: "$LOCAL@company.com"
                routes:
                  - smtproutes: ":[127.0.0.1]:25"
                    rewrite_sender: out
                  - smtproutes: "x.example:[127.0.0.1]:26"
                    header_mode: none
                """);
        assertThat(c.rewrite().senderHeaders()).isTrue();
        Route out = c.routes().lookup("internet.example").orElseThrow();
        assertThat(out.rewriteSender()).isEqualTo("out");
        assertThat(out.headerMode()).isEqualTo(HeaderMode.ENVELOPE);
        assertThat(c.routes().lookup("x.example").orElseThrow().headerMode()).isEqualTo(HeaderMode.NONE);
    }

    @Test
    void ownNodeLinesOfTombsmtpIniBecomeAliasSetsBothWays() throws Exception {
        Files.writeString(dir.resolve("tombsmtp.ini"), "[SMTP]\nown_node = company.com\nown_node = A:tw.company.com\n");
        GatewayConfig c = load("""
                teamware:
                  tombsmtp_ini: tombsmtp.ini
                routes:
                  - smtproutes: "company.com:[127.0.0.1]:2025"
                    rewrite: own_node
                    rewrite_sender: own_node_reverse
                """);
        assertThat(rewrite(c.rewrite().set("own_node").orElseThrow(), "john@company.com"))
                .isEqualTo("john@tw.company.com");
        assertThat(rewrite(c.rewrite().set("own_node_reverse").orElseThrow(), "john@TW.company.com"))
                .isEqualTo("john@company.com");
    }

    @Test
    void checkListsEachRewritingRouteAndTheRulesOfTheSetsItUsesWithFileLine() throws Exception {
        GatewayConfig c = load("""
                rewrite:
                  sets:
                    in:
                      - id: tw-prefix
                        match: {prefix: "tw.", domain: company.com}
                        result: "$DEFAULT@tw.company.com"
                    unused:
                      - match: {domain: "*"}
                        result: "$LOCAL@x.example"
                routes:
                  - smtproutes: "company.com:[127.0.0.1]:2025"
                    name: connector
                    rewrite: in
                    header_mode: envelope
                  - smtproutes: ":[127.0.0.1]:25"
                """);
        String text = org.twgate.config.ConfigDescriber.describe(c);
        assertThat(text).contains("\nrewrite (first matching rule wins)\n"
                + "  route connector: recipients in, headers envelope, sender none\n"
                + "  set in\n"
                + "    tw-prefix: prefix tw. at company.com -> $DEFAULT@tw.company.com  (" + f() + ":4)\n");
        assertThat(text).doesNotContain("set unused");
    }

    @Test
    void unknownRuleSetNamedByARouteIsAnErrorAtItsLine() throws Exception {
        assertThat(problems("""
                rewrite:
                  sets:
                    inbound: []
                routes:
                  - smtproutes: "company.com:[127.0.0.1]:2025"
                    rewrite: inbund
                    rewrite_sender: own_node_reverse
                """)).isEqualTo(f() + ":6: routes[0].rewrite: unknown rewrite rule set 'inbund'; defined: inbound\n"
                + f() + ":7: routes[0].rewrite_sender: unknown rewrite rule set 'own_node_reverse'; defined: inbound"
                + " (the own_node sets need teamware.tombsmtp_ini with own_node = base and own_node = A:alias lines)");
    }

    @Test
    void unknownVariableInvalidTemplateAndShadowedRuleAreErrorsAtTheRuleLine() throws Exception {
        String message = problems("""
                rewrite:
                  sets:
                    s:
                      - match: {domain: company.com}
                        result: "$USER@tw.company.com"
                      - match: {domain: "*"}
                        result: "$LOCAL@"
                      - id: all
                        match: {domain: "*"}
                        result: "$LOCAL@$HOST"
                      - id: dead
                        match: {prefix: "tw.", domain: company.com}
                        result: "$DEFAULT@tw.company.com"
                """);
        String[] lines = message.split("\n");
        assertThat(lines).hasSize(3);
        assertThat(lines[0]).startsWith(f() + ":4: rewrite.sets.s[0]: rule s#1: ").contains("$USER");
        assertThat(lines[1]).startsWith(f() + ":6: rewrite.sets.s[1]: rule s#2: ");
        assertThat(lines[2]).startsWith(f() + ":11: rewrite.sets.s[3]: rule dead (prefix tw. at company.com) can never"
                + " match: earlier rule all (any address) at " + f() + ":8 already matches every such address");
    }

    @Test
    void badMatchPatternsAreErrorsAtTheKeyLine() throws Exception {
        assertThat(problems("""
                rewrite:
                  sets:
                    s:
                      - match: {prefix: ""}
                        result: "x@y.example"
                      - match:
                          suffix: ".tw"
                          domain: "bad domain"
                        result: "x@y.example"
                      - match: {prefix: "tw.", suffix: ".tw"}
                        result: "x@y.example"
                      - match: {address: "not an address"}
                        result: "x@y.example"
                      - match: {prefx: "tw."}
                      - result: "x@y.example"
                """)).isEqualTo(String.join("\n",
                f() + ":4: rewrite.sets.s[0].match.prefix: empty local part, prefix or suffix",
                f() + ":8: rewrite.sets.s[1].match.domain: invalid domain pattern \"bad domain\": "
                        + "character ' ' not allowed in domain",
                f() + ":10: rewrite.sets.s[2].match: a match takes one of address, local_parts, prefix, suffix;"
                        + " found prefix and suffix",
                f() + ":12: rewrite.sets.s[3].match.address: invalid address \"not an address\": "
                        + "missing '@' at offset 14",
                f() + ":14: rewrite.sets.s[4].match: unknown key 'prefx' (did you mean 'prefix'?)",
                f() + ":14: rewrite.sets.s[4].match: empty match: give address, local_parts, prefix, suffix or"
                        + " domain (\"*\" for every address)",
                f() + ":14: rewrite.sets.s[4]: a rule needs a result template (result: \"$LOCAL@...\") or a refusal (refuse: \"why\")",
                f() + ":15: rewrite.sets.s[5]: a rule needs a match (address, local_parts, prefix, suffix or domain)"));
    }

    private static String rewrite(RuleSet set, String address) {
        return set.rewrite(EmailAddress.parse(address)).address().toString();
    }

    private String f() {
        return dir.resolve("twgate.yaml").toString();
    }

    private GatewayConfig load(String yaml) throws IOException, ConfigException {
        return ConfigLoader.load(Files.writeString(dir.resolve("twgate.yaml"), yaml), Map.of());
    }

    private String problems(String yaml) throws IOException {
        Path file = Files.writeString(dir.resolve("twgate.yaml"), yaml);
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.load(file, Map.of()));
        assertThat(e).as("expected the configuration to be refused").isNotNull();
        return e.getMessage();
    }
}
