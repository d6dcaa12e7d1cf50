package org.twgate.config.syntax;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * Listening addresses: {@code 127.0.0.1:2525}, {@code [::1]:2525}, {@code 0.0.0.0:25}.
 * The host must be an IP literal (no DNS at load time); port 0 asks for any free port.
 */
public final class HostPorts {

    private HostPorts() {
    }

    public static InetSocketAddress parse(String text) throws BadValue {
        String t = text.trim();
        int colon = t.lastIndexOf(':');
        if (colon <= 0) {
            throw BadValue.of("not an address:port (e.g. 127.0.0.1:2525 or [::1]:2525)", text);
        }
        String host = t.substring(0, colon);
        String port = t.substring(colon + 1);
        Optional<InetAddress> address;
        if (host.startsWith("[") && host.endsWith("]")) {
            address = IpLiterals.parseIpv6(host.substring(1, host.length() - 1));
        } else if (host.indexOf(':') >= 0) {
            throw BadValue.of("an IPv6 address needs brackets, as in [::1]:2525", text);
        } else {
            address = IpLiterals.parseIpv4(host);
        }
        if (address.isEmpty()) {
            throw BadValue.of("not an IP address:port (host names are not resolved here)", text);
        }
        return new InetSocketAddress(address.get(), parsePort(port, text));
    }

    static int parsePort(String port, String whole) throws BadValue {
        if (port.isEmpty() || port.length() > 5 || !port.chars().allMatch(Character::isDigit)
                || Integer.parseInt(port) > 65535) {
            throw BadValue.of("not a port number 0-65535 in", whole);
        }
        return Integer.parseInt(port);
    }

    /** {@code 127.0.0.1:2525} or {@code [::1]:2525}, the form {@link #parse} reads. */
    public static String format(InetSocketAddress address) {
        InetAddress ip = address.getAddress();
        String host = ip instanceof Inet6Address ? "[" + IpLiterals.format(ip) + "]" : IpLiterals.format(ip);
        return host + ":" + address.getPort();
    }
}
