package org.twgate.config.bind;

import java.util.ArrayList;
import java.util.List;
import org.twgate.config.Problem;
import org.twgate.config.policy.AcceptedDomains;
import org.twgate.config.policy.AddressPatterns;
import org.twgate.config.policy.ClientAccess;
import org.twgate.config.policy.ClientRule;
import org.twgate.config.policy.DomainSyntax;
import org.twgate.config.policy.PolicyConfig;
import org.twgate.config.policy.RcptHosts;
import org.twgate.config.policy.TcpRules;
import org.twgate.config.syntax.BadValue;
import org.twgate.config.tree.Node;

/**
 * Binds {@code policy}: relay clients and the tcp.smtp file into one {@link ClientAccess};
 * accepted domains and the rcpthosts file into one {@link AcceptedDomains}.
 */
final class PolicyBinder {

    private PolicyBinder() {
    }

    static PolicyConfig bind(Node node, String hostname, Imports imports, List<Problem> problems) {
        Section s = Section.of(node, "policy", problems, "relay_clients", "tcp_rules_file",
                "accepted_domains", "rcpthosts_file", "postmaster");
        List<ClientRule> rules = new ArrayList<>();
        List<Problem> warnings = new ArrayList<>();
        for (Section.Item item : s.items("relay_clients").orElse(List.of())) {
            s.parseItem(item, AddressPatterns::relayClient).ifPresent(pattern -> rules.add(
                    ClientRule.relayClient(pattern, "relay_clients: " + item.text().strip(), item.origin().source())));
        }
        Imports.pathItem(s, "tcp_rules_file").flatMap(item -> imports.parse(item, problems, TcpRules::parse))
                .ifPresent(parsed -> {
                    rules.addAll(parsed.rules());
                    warnings.addAll(parsed.warnings());
                });
        List<String> domains = new ArrayList<>(s.parsedItems("accepted_domains", List.of(), t -> {
            String bad = DomainSyntax.check(t.strip());
            if (bad != null) {
                throw new BadValue(bad);
            }
            return t.strip();
        }));
        Imports.pathItem(s, "rcpthosts_file").flatMap(item -> imports.parse(item, problems, RcptHosts::parse))
                .ifPresent(domains::addAll);
        String postmaster = s.parsed("postmaster", "postmaster@" + hostname, PolicyBinder::postmaster);
        s.finish();
        return new PolicyConfig(new ClientAccess(rules), new AcceptedDomains(domains), warnings, postmaster);
    }

    /** {@code policy.postmaster}: one address, {@code local@domain}. */
    private static String postmaster(String text) throws BadValue {
        String t = text.strip();
        int at = t.lastIndexOf('@');
        if (at <= 0 || at == t.length() - 1 || t.contains(" ") || t.contains("<") || t.contains(">")) {
            throw BadValue.of("not an address (local@domain)", text);
        }
        String bad = DomainSyntax.check(t.substring(at + 1));
        if (bad != null) {
            throw BadValue.of("not an address: " + bad, text);
        }
        return t;
    }
}
