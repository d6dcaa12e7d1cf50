package org.twgate.gateway.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.twgate.config.ConfigLoader;
import org.twgate.config.GatewayConfig;
import org.twgate.gateway.route.Routes;

/**
 * The connector's acceptance rules as the Teamware notes describe them (section 3 of the 2001
 * document): any — everything; list — only domains on allow= lines (and the server's own);
 * strict — only the server's own base addresses (own_node, aliases included); no_relay=1 —
 * nothing that is neither the server's own nor allowed. Checked for recipients on their way to
 * the connector (final routes); mail leaving by a relay route is not the connector's business.
 */
class ConnectorRulesTest {
    @TempDir
    Path dir;

    private ConnectorRules rules(String mode, String noRelay) throws Exception {
        Files.writeString(dir.resolve("tombsmtp.ini"), "own_node = company.com\nown_node = A:tw.company.com\n");
        Files.writeString(dir.resolve("to.ini"), "[MIME]\nmode = " + mode + "\nallow = partner.example\nno_relay = "
                + noRelay + "\n");
        Path file = dir.resolve("twgate.yaml");
        Files.writeString(file, String.join("\n",
                "teamware:", "  to_ini: to.ini", "  tombsmtp_ini: tombsmtp.ini",
                "routes:",
                "  - smtproutes: \"internet.example:[127.0.0.1]:25\"", "    final: false",
                "  - smtproutes: \":[127.0.0.1]:2025\"", "    final: true", ""));
        GatewayConfig config = ConfigLoader.load(file, Map.of());
        return new ConnectorRules(new Routes(config.routes(), 1), config.rewrite(), config.teamware());
    }

    @ParameterizedTest(name = "mode={0} no_relay={1}: {2} -> {3}")
    @CsvSource({
        // mode, no_relay, recipient, accepted by the connector?
        "any,    0, john@company.com,        yes",
        "any,    0, john@tw.company.com,     yes",
        "any,    0, x@partner.example,       yes",
        "any,    0, x@stranger.example,      yes",
        "any,    1, x@stranger.example,      no",
        "any,    1, x@partner.example,       yes",
        "list,   0, x@partner.example,       yes",
        "list,   0, john@company.com,        yes",
        "list,   0, x@stranger.example,      no",
        "strict, 0, john@company.com,        yes",
        "strict, 0, john@tw.company.com,     yes",
        "strict, 0, x@partner.example,       no",
        "strict, 0, x@stranger.example,      no",
        "strict, 0, x@internet.example,      yes", // leaves by the relay route: not the connector's
    })
    void decidesAsTheConnectorWould(String mode, String noRelay, String recipient, String accepted) throws Exception {
        Optional<String> refusal = rules(mode, noRelay).refusal(recipient);
        assertThat(refusal.isEmpty()).isEqualTo(accepted.equals("yes"));
        refusal.ifPresent(why -> assertThat(why).startsWith("not accepted by the connector (mode=" + mode));
    }
}
