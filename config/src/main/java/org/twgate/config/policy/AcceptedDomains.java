package org.twgate.config.policy;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The domains twgate accepts mail for from clients that are not relay clients, with
 * qmail's rcpthosts semantics: an entry {@code example.com} accepts exactly that domain;
 * an entry {@code .example.com} accepts every subdomain of it (but not example.com
 * itself); comparison ignores case.
 *
 * <p>Unlike qmail-smtpd, an empty list accepts nothing: qmail without rcpthosts is an
 * open relay, and twgate never is one.
 */
public final class AcceptedDomains {

    private final Set<String> entries;
    private final List<String> inOrder;

    public AcceptedDomains(List<String> entries) {
        Set<String> lower = new LinkedHashSet<>();
        for (String e : entries) {
            lower.add(e.toLowerCase(Locale.ROOT));
        }
        this.entries = Set.copyOf(lower);
        this.inOrder = List.copyOf(lower);
    }

    public static AcceptedDomains none() {
        return new AcceptedDomains(List.of());
    }

    /**
     * Whether mail to {@code domain} (the part after the {@code @}) is accepted: the
     * domain itself is listed, or one of its dot-suffixes {@code .b.c}, {@code .c} is.
     */
    public boolean accepts(String domain) {
        String d = domain.toLowerCase(Locale.ROOT);
        if (d.endsWith(".")) {
            d = d.substring(0, d.length() - 1);
        }
        if (d.isEmpty()) {
            return false;
        }
        if (entries.contains(d)) {
            return true;
        }
        for (int i = d.indexOf('.'); i >= 0; i = d.indexOf('.', i + 1)) {
            if (entries.contains(d.substring(i))) {
                return true;
            }
        }
        return false;
    }

    /** The entries, lower-cased, in the order given. */
    public List<String> entries() {
        return inOrder;
    }
}
