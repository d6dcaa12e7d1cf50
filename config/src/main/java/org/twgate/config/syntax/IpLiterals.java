package org.twgate.config.syntax;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * IP address literals, parsed without ever asking DNS: a configuration that names a host
 * name where an address is wanted is an error, not a lookup at load time.
 */
public final class IpLiterals {

    private IpLiterals() {
    }

    /** A dotted-quad IPv4 address or an IPv6 address (without brackets). */
    public static Optional<InetAddress> parse(String text) {
        if (text.indexOf(':') >= 0) {
            return parseIpv6(text);
        }
        return parseIpv4(text);
    }

    public static Optional<InetAddress> parseIpv4(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return Optional.empty();
        }
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            if (!isOctet(parts[i])) {
                return Optional.empty();
            }
            bytes[i] = (byte) Integer.parseInt(parts[i]);
        }
        return byAddress(bytes);
    }

    public static Optional<InetAddress> parseIpv6(String text) {
        if (text.isEmpty() || !text.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.')) {
            return Optional.empty();
        }
        try {
            // Brackets make the JDK treat the text as a literal: no resolver is consulted.
            return Optional.of(InetAddress.getByName("[" + text + "]"));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    /**
     * The conventional text of an address: dotted quad, or RFC 5952 compressed IPv6
     * ({@code ::1}, {@code 2001:db8::5}) rather than the JDK's uncompressed form.
     */
    public static String format(InetAddress address) {
        byte[] b = address.getAddress();
        if (b.length == 4) {
            return address.getHostAddress();
        }
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLen = 1;
        for (int i = 0; i < 8; ) {
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                out.append("::");
                i += bestLen - 1;
                continue;
            }
            if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
                out.append(':');
            }
            out.append(Integer.toHexString(groups[i]));
        }
        return out.toString();
    }

    /** A decimal octet 0..255 without sign; leading zeros are tolerated as tcprules does. */
    static boolean isOctet(String part) {
        return !part.isEmpty() && part.length() <= 3 && part.chars().allMatch(Character::isDigit)
                && Integer.parseInt(part) <= 255;
    }

    private static Optional<InetAddress> byAddress(byte[] bytes) {
        try {
            return Optional.of(InetAddress.getByAddress(bytes));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }
}
