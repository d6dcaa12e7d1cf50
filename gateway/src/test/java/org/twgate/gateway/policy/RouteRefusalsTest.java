package org.twgate.gateway.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twgate.config.ConfigLoader;
import org.twgate.config.GatewayConfig;
import org.twgate.gateway.route.Routes;

/** A {@code refuse:} rule is answered at RCPT time: qmail-users' +tw. covers tw.* only (qmail-users(5)). */
class RouteRefusalsTest {
    @TempDir
    Path dir;

    @Test
    void anAddressNoQmailFileControlsIsRefusedNamingTheRuleAndTheOthersPass() throws Exception {
        Path file = Files.writeString(dir.resolve("twgate.yaml"), """
                rewrite:
                  sets:
                    twu:
                      - id: assign-tw
                        match: {prefix: "tw.", domain: company.com}
                        result: "$DEFAULT@tw.company.com"
                      - id: not-twu
                        match: {domain: company.com}
                        refuse: "no mailbox here by that name"
                routes:
                  - smtproutes: "company.com:[127.0.0.1]:2025"
                    final: true
                    rewrite: twu
                """);
        GatewayConfig c = ConfigLoader.load(file, Map.of());
        RouteRefusals refusals = new RouteRefusals(new Routes(c.routes(), 1), c.rewrite());

        assertThat(refusals.refusal("jim@company.com")).contains("<jim@company.com>: no mailbox here by that name"
                + " (rule not-twu (" + file + ":7))");
        assertThat(refusals.refusal("TW.Jim@Company.com")).isEmpty();
        assertThat(refusals.refusal("jim@elsewhere.example")).isEmpty();
    }
}
