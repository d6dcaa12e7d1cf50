package org.twgate.config.policy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.twgate.config.ConfigException;
import org.twgate.config.Golden;
import org.twgate.config.Problem;

/**
 * Golden tests for the qmail access files: {@code tcprules/*.in} (a tcp.smtp file, {@code
 * ---}, client addresses) and {@code rcpthosts/*.in} (an rcpthosts file, {@code ---},
 * recipient domains).
 */
class PolicyGoldenTest {

    @TestFactory
    Stream<DynamicTest> tcpSmtpRulesDecideAsTcpserverWould() {
        return Golden.cases("tcprules", PolicyGoldenTest::decide);
    }

    @TestFactory
    Stream<DynamicTest> rcpthostsAcceptAsQmailSmtpdWould() {
        return Golden.cases("rcpthosts", PolicyGoldenTest::accept);
    }

    private static String decide(Path in) {
        List<List<String>> parts = Golden.split(in);
        TcpRules.Parsed parsed;
        try {
            parsed = TcpRules.parse("tcp.smtp", parts.get(0));
        } catch (ConfigException e) {
            throw new AssertionError(e.getMessage(), e);
        }
        ClientAccess access = new ClientAccess(parsed.rules());
        String decisions = parts.get(1).stream().filter(a -> !a.isBlank()).map(a -> {
            ClientDecision d = access.decide(address(a));
            return a + " -> " + (!d.allowed() ? "deny" : d.relayClient() ? "allow, relay" : "allow")
                    + "  (" + d.reason() + ")";
        }).collect(Collectors.joining("\n", "", "\n"));
        String warnings = parsed.warnings().stream().map(Problem::toString)
                .collect(Collectors.joining("\n", "warnings:\n", "\n"));
        return decisions + (parsed.warnings().isEmpty() ? "" : warnings);
    }

    private static String accept(Path in) {
        List<List<String>> parts = Golden.split(in);
        AcceptedDomains accepted;
        try {
            accepted = new AcceptedDomains(RcptHosts.parse("rcpthosts", parts.get(0)));
        } catch (ConfigException e) {
            throw new AssertionError(e.getMessage(), e);
        }
        return parts.get(1).stream().filter(d -> !d.isBlank())
                .map(d -> d + " -> " + (accepted.accepts(d) ? "accepted" : "refused"))
                .collect(Collectors.joining("\n", "", "\n"));
    }

    private static InetAddress address(String text) {
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new AssertionError(text, e);
        }
    }
}
