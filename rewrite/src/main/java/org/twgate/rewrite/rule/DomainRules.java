package org.twgate.rewrite.rule;

import java.util.HashMap;

/** The rules that share one domain pattern, indexed by what they match in the local part. */
final class DomainRules {
    int catchAll = RuleIndex.NONE;
    final HashMap<String, Integer> localParts = new HashMap<>();
    final AffixTable prefixes = new AffixTable(false);
    final AffixTable suffixes = new AffixTable(true);
    int lowest = RuleIndex.NONE;

    void noteIndex(int index) {
        lowest = Math.min(lowest, index);
    }

    /** The lowest rule index here that matches a local part, or {@link RuleIndex#NONE}. */
    int lookup(String localKey) {
        int best = catchAll;
        Integer exact = localParts.get(localKey);
        if (exact != null && exact < best) {
            best = exact;
        }
        best = Math.min(best, prefixes.lookup(localKey));
        return Math.min(best, suffixes.lookup(localKey));
    }
}
