package org.twgate.config.qmail;

import java.util.Optional;
import org.twgate.config.syntax.IpLiterals;

/**
 * What a hosts_access(5) client pattern means for twgate's {@code relay_clients}: a pattern
 * ending in a dot is a prefix of the address ({@code 1.2.3.} matches 1.2.3.x); a pattern without
 * one is one whole address ({@code 1.2.3.4}); {@code n.n.n.n/m.m.m.m} a network and mask;
 * {@code [ipv6]/len} an IPv6 network. Host names, {@code .domain} suffixes, {@code @netgroups},
 * {@code ALL}, {@code LOCAL}, {@code KNOWN} and the like need name lookups or would open the
 * relay, and have no relay_clients form.
 */
public final class ClientPattern {

    /** The relay_clients entry, or why there is none ({@code matchesNothing}: it can match no client). */
    public record Translation(String relayClient, String refusal, boolean matchesNothing) {
        public boolean ok() {
            return relayClient != null;
        }
    }

    private ClientPattern() {
    }

    public static Translation translate(String pattern) {
        String p = pattern.strip();
        if (p.equals("ALL")) {
            return no("ALL would make every client a relay client: twgate would be an open relay");
        }
        if (p.matches("[A-Z]+")) {
            return no("the wildcard " + p + " needs name lookups twgate does not do");
        }
        if (p.startsWith("@") || p.startsWith(".") || p.startsWith("/")) {
            return no("netgroups, domain names and file lists need name lookups twgate does not do");
        }
        if (p.startsWith("[")) {
            int close = p.indexOf(']');
            Optional<java.net.InetAddress> a = close > 0 ? IpLiterals.parseIpv6(p.substring(1, close)) : Optional.empty();
            if (a.isEmpty()) {
                return no("not an [IPv6] address");
            }
            String rest = p.substring(close + 1);
            if (rest.isEmpty()) {
                return yes(IpLiterals.format(a.get()));
            }
            if (rest.matches("/\\d{1,3}") && Integer.parseInt(rest.substring(1)) <= 128) {
                return yes(IpLiterals.format(a.get()) + rest);
            }
            return no("not an [IPv6]/prefixlen network");
        }
        int slash = p.indexOf('/');
        if (slash > 0) {
            Optional<java.net.InetAddress> net = IpLiterals.parseIpv4(p.substring(0, slash));
            Optional<java.net.InetAddress> mask = IpLiterals.parseIpv4(p.substring(slash + 1));
            if (net.isEmpty() || mask.isEmpty()) {
                return no("not a net/mask pair (n.n.n.n/m.m.m.m)");
            }
            int bits = maskBits(mask.get().getAddress());
            if (bits < 0) {
                return no("the mask " + p.substring(slash + 1) + " is not contiguous");
            }
            return yes(p.substring(0, slash) + "/" + bits);
        }
        if (p.endsWith(".")) {
            String body = p.substring(0, p.length() - 1);
            String[] octets = body.split("\\.", -1);
            if (octets.length < 1 || octets.length > 3 || !allOctets(octets)) {
                return no("not an address prefix (1.2.3.)");
            }
            return yes(p);
        }
        if (IpLiterals.parseIpv4(p).isPresent() && p.split("\\.").length == 4 || IpLiterals.parseIpv6(p).isPresent()) {
            return yes(p);
        }
        if (p.matches("\\d{1,3}(\\.\\d{1,3}){0,2}") && allOctets(p.split("\\."))) {
            return new Translation(null, "'" + p + "' matches no client: hosts_access(5) takes a pattern without a"
                    + " trailing dot as one whole address; if the network " + p + ".x was meant, write '" + p + ".'",
                    true);
        }
        return no("a host name needs name lookups twgate does not do");
    }

    private static boolean allOctets(String[] octets) {
        for (String o : octets) {
            if (!o.matches("\\d{1,3}") || Integer.parseInt(o) > 255) {
                return false;
            }
        }
        return true;
    }

    private static int maskBits(byte[] mask) {
        int bits = 0;
        boolean zero = false;
        for (byte b : mask) {
            for (int i = 7; i >= 0; i--) {
                boolean one = (b >> i & 1) == 1;
                if (one && zero) {
                    return -1;
                }
                if (one) {
                    bits++;
                } else {
                    zero = true;
                }
            }
        }
        return bits;
    }

    private static Translation yes(String relayClient) {
        return new Translation(relayClient, null, false);
    }

    private static Translation no(String why) {
        return new Translation(null, why, false);
    }
}
