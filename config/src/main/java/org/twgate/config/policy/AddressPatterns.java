package org.twgate.config.policy;

import java.net.InetAddress;
import java.util.Optional;
import org.twgate.config.syntax.BadValue;
import org.twgate.config.syntax.IpLiterals;

/**
 * Reads the address part of client rules: exact IPv4/IPv6 addresses, CIDR blocks, and the
 * dotted prefixes of tcp.smtp ({@code 1.2.3.}). A prefix covers whole octets only, as in
 * tcpserver, where {@code 1.2.3.} matches {@code 1.2.3.4} but never {@code 1.2.34.5}.
 */
public final class AddressPatterns {

    private AddressPatterns() {
    }

    /**
     * A {@code relay_clients} entry: address, CIDR, or a dotted IPv4 prefix with or
     * without the final dot ({@code 1.2.3.} and {@code 1.2.3} both mean 1.2.3.0/24).
     */
    public static AddressPattern relayClient(String text) throws BadValue {
        String t = text.trim();
        if (t.contains("/")) {
            return cidr(t);
        }
        Optional<InetAddress> exact = IpLiterals.parse(t);
        if (exact.isPresent()) {
            return whole(exact.get());
        }
        String prefix = t.endsWith(".") ? t.substring(0, t.length() - 1) : t;
        return dottedPrefix(prefix, text);
    }

    /**
     * A tcp.smtp address: empty (everyone), exact address, prefix ending in a dot, a last
     * octet range {@code 1.2.3.40-49}, or CIDR (as later tcprules versions accept).
     * Host name ({@code =}) and remote-info ({@code @}) rules are the caller's concern.
     */
    public static AddressPattern tcpRule(String text) throws BadValue {
        if (text.isEmpty()) {
            return new AddressPattern.Prefix(null, 0);
        }
        if (text.contains("/")) {
            return cidr(text);
        }
        Optional<InetAddress> exact = IpLiterals.parse(text);
        if (exact.isPresent()) {
            return whole(exact.get());
        }
        int dash = text.indexOf('-');
        if (dash > 0) {
            return range(text, dash);
        }
        if (text.endsWith(".")) {
            return dottedPrefix(text.substring(0, text.length() - 1), text);
        }
        throw BadValue.of("tcpserver never matches this address (a prefix must end with a dot)", text);
    }

    private static AddressPattern whole(InetAddress address) {
        byte[] bytes = address.getAddress();
        return new AddressPattern.Prefix(bytes, bytes.length * 8);
    }

    private static AddressPattern cidr(String text) throws BadValue {
        int slash = text.indexOf('/');
        Optional<InetAddress> address = IpLiterals.parse(text.substring(0, slash));
        String bitsText = text.substring(slash + 1);
        if (address.isEmpty() || bitsText.isEmpty() || bitsText.length() > 3
                || !bitsText.chars().allMatch(Character::isDigit)) {
            throw BadValue.of("not a CIDR block (e.g. 10.0.0.0/8, 2001:db8::/32)", text);
        }
        byte[] network = address.get().getAddress();
        int bits = Integer.parseInt(bitsText);
        if (bits > network.length * 8) {
            throw BadValue.of("prefix length over " + network.length * 8 + " in CIDR block", text);
        }
        return new AddressPattern.Prefix(network, bits);
    }

    private static AddressPattern dottedPrefix(String octets, String original) throws BadValue {
        String[] parts = octets.split("\\.", -1);
        if (octets.isEmpty() || parts.length > 3) {
            throw BadValue.of("not an address, CIDR block or dotted prefix (e.g. 10.1.2.)", original);
        }
        byte[] network = new byte[4];
        for (int i = 0; i < parts.length; i++) {
            if (!isOctet(parts[i])) {
                throw BadValue.of("not an address, CIDR block or dotted prefix (e.g. 10.1.2.)", original);
            }
            network[i] = (byte) Integer.parseInt(parts[i]);
        }
        return new AddressPattern.Prefix(network, parts.length * 8);
    }

    private static AddressPattern range(String text, int dash) throws BadValue {
        String[] parts = text.substring(0, dash).split("\\.", -1);
        String high = text.substring(dash + 1);
        if (parts.length != 4 || !isOctet(parts[0]) || !isOctet(parts[1]) || !isOctet(parts[2])
                || !isOctet(parts[3]) || !isOctet(high)
                || Integer.parseInt(parts[3]) > Integer.parseInt(high)) {
            throw BadValue.of("not an address range (e.g. 1.2.3.40-49)", text);
        }
        byte[] first3 = {(byte) Integer.parseInt(parts[0]), (byte) Integer.parseInt(parts[1]),
                (byte) Integer.parseInt(parts[2])};
        return new AddressPattern.LastOctetRange(first3, Integer.parseInt(parts[3]), Integer.parseInt(high));
    }

    private static boolean isOctet(String part) {
        return !part.isEmpty() && part.length() <= 3 && part.chars().allMatch(Character::isDigit)
                && Integer.parseInt(part) <= 255;
    }
}
