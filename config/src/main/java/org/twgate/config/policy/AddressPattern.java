package org.twgate.config.policy;

import java.net.InetAddress;

/**
 * Which client addresses a rule covers. {@link #specificity()} is the number of leading
 * address bits the pattern fixes: tcpserver tries the exact address first and then ever
 * shorter prefixes, which is the same as "the most specific matching pattern wins".
 */
public sealed interface AddressPattern permits AddressPattern.Prefix, AddressPattern.LastOctetRange {

    boolean matches(InetAddress client);

    /** Fixed leading bits: 32/128 for one address, 24 for {@code 1.2.3.}, 0 for everything. */
    int specificity();

    /**
     * The first {@code bits} bits of {@code network} (4 or 16 bytes). The empty tcprules
     * address is {@code Prefix(null, 0)}: every client, IPv4 or IPv6.
     */
    record Prefix(byte[] network, int bits) implements AddressPattern {

        @Override
        public boolean matches(InetAddress client) {
            if (network == null) {
                return true;
            }
            byte[] c = client.getAddress();
            if (c.length != network.length) {
                return false;
            }
            int full = bits / 8;
            for (int i = 0; i < full; i++) {
                if (c[i] != network[i]) {
                    return false;
                }
            }
            int rest = bits % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (c[full] & mask) == (network[full] & mask);
        }

        @Override
        public int specificity() {
            return bits;
        }
    }

    /** tcprules' {@code 1.2.3.40-49}: one /24 and a range of last octets; as exact as an address. */
    record LastOctetRange(byte[] first3, int low, int high) implements AddressPattern {

        @Override
        public boolean matches(InetAddress client) {
            byte[] c = client.getAddress();
            if (c.length != 4 || c[0] != first3[0] || c[1] != first3[1] || c[2] != first3[2]) {
                return false;
            }
            int last = c[3] & 0xff;
            return last >= low && last <= high;
        }

        @Override
        public int specificity() {
            return 32;
        }
    }
}
