package org.twgate.config.teamware;

import java.util.List;
import java.util.Locale;

/**
 * The base addresses a Teamware server owns, from {@code tombsmtp.ini}:
 * {@code own_node = company.com} is a base address, {@code own_node = A:tw.company.com}
 * an alias the server treats as one of its base addresses.
 *
 * @param base    base address domains, lower case, file order
 * @param aliases alias domains, lower case, file order
 */
public record OwnNodes(List<String> base, List<String> aliases) {

    public OwnNodes {
        base = List.copyOf(base);
        aliases = List.copyOf(aliases);
    }

    public static OwnNodes none() {
        return new OwnNodes(List.of(), List.of());
    }

    /** Whether {@code domain} is a base address or an alias of this server. */
    public boolean contains(String domain) {
        String d = domain.toLowerCase(Locale.ROOT);
        return base.contains(d) || aliases.contains(d);
    }
}
