package org.twgate.rewrite.rule;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import org.twgate.rewrite.address.EmailAddress;

/**
 * Finds the first matching rule with hash lookups. Rules are grouped by domain pattern key;
 * an address in {@code a.company.com} consults the groups {@code a.company.com},
 * {@code .company.com}, {@code .com} and any-domain, and within each group the local part
 * map, the prefix and suffix tables and the catch-all. The lowest rule index found wins, which
 * keeps "first match wins" in rule order across kinds.
 */
final class RuleIndex {
    static final int NONE = Integer.MAX_VALUE;

    private final HashMap<String, DomainRules> byDomain = new HashMap<>();
    private boolean hasSubdomainPatterns;

    /** The group for a domain pattern key, created if absent. */
    DomainRules group(String domainKey) {
        if (domainKey.startsWith(".")) {
            hasSubdomainPatterns = true;
        }
        return byDomain.computeIfAbsent(domainKey, k -> new DomainRules());
    }

    /** The lowest index of a rule matching the address, or {@link #NONE}. */
    int lookup(EmailAddress address) {
        String local = address.localPartKey();
        String domain = address.domainKey();
        int best = probe(byDomain.get(domain), local, NONE);
        if (hasSubdomainPatterns) {
            for (int i = domain.indexOf('.'); i >= 0; i = domain.indexOf('.', i + 1)) {
                best = probe(byDomain.get(domain.substring(i)), local, best);
            }
        }
        return probe(byDomain.get(""), local, best);
    }

    private static int probe(DomainRules group, String local, int best) {
        if (group == null || group.lowest >= best) {
            return best;
        }
        return Math.min(best, group.lookup(local));
    }

    /**
     * The existing groups whose pattern covers every domain {@code patternKey} covers: the
     * pattern itself, each {@code .suffix} of it, and any-domain.
     */
    List<DomainRules> covering(String patternKey) {
        List<DomainRules> out = new ArrayList<>(4);
        addIfPresent(out, patternKey);
        if (!patternKey.isEmpty()) {
            for (int i = patternKey.indexOf('.', 1); i >= 0; i = patternKey.indexOf('.', i + 1)) {
                addIfPresent(out, patternKey.substring(i));
            }
            addIfPresent(out, "");
        }
        return out;
    }

    private void addIfPresent(List<DomainRules> out, String key) {
        DomainRules g = byDomain.get(key);
        if (g != null) {
            out.add(g);
        }
    }
}
