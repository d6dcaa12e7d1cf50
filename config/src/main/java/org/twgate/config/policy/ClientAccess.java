package org.twgate.config.policy;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Decides, per client address, whether it may connect and whether it may relay.
 *
 * <p>Evaluation follows tcpserver(1): the exact address first, then ever shorter
 * prefixes, then the empty rule. Expressed over CIDR blocks too, that is "the matching
 * rule fixing the most leading bits wins"; between rules of equal specificity the one
 * defined first wins (tcpserver reads the first of duplicate cdb keys; {@code
 * relay_clients} entries count as defined before the imported file). A client no rule
 * covers is allowed but is not a relay client, so it may only send to accepted domains.
 */
public final class ClientAccess {

    private final List<ClientRule> ordered;

    public ClientAccess(List<ClientRule> rules) {
        List<ClientRule> sorted = new ArrayList<>(rules);
        // List.sort is stable: equal specificity keeps definition order.
        sorted.sort(Comparator.comparingInt((ClientRule r) -> r.pattern().specificity()).reversed());
        this.ordered = List.copyOf(sorted);
    }

    public ClientDecision decide(InetAddress client) {
        InetAddress address = unmapped(client);
        for (ClientRule rule : ordered) {
            if (rule.pattern().matches(address)) {
                return ClientDecision.of(rule);
            }
        }
        return ClientDecision.byDefault();
    }

    /** The rules in the order {@link #decide} tries them. */
    public List<ClientRule> rules() {
        return ordered;
    }

    /** An IPv4-mapped IPv6 client ({@code ::ffff:1.2.3.4}) is judged by its IPv4 rules. */
    private static InetAddress unmapped(InetAddress client) {
        if (client instanceof Inet6Address) {
            byte[] b = client.getAddress();
            boolean mapped = b[10] == (byte) 0xff && b[11] == (byte) 0xff;
            for (int i = 0; i < 10 && mapped; i++) {
                mapped = b[i] == 0;
            }
            if (mapped) {
                try {
                    return InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]});
                } catch (java.net.UnknownHostException e) {
                    throw new AssertionError("4 bytes are always an address", e);
                }
            }
        }
        return client;
    }
}
