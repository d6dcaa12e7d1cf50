package org.twgate.rewrite.rule;

import java.util.Arrays;
import java.util.HashMap;

/**
 * Prefixes (or suffixes) of local parts, bucketed by length: one hash map per distinct length,
 * so a lookup costs one probe per length in use, not one per rule. Values are rule indexes;
 * the first rule to claim an affix keeps it.
 */
final class AffixTable {
    private final boolean suffixes;
    private int[] lengths = new int[0];
    @SuppressWarnings("unchecked")
    private HashMap<String, Integer>[] buckets = new HashMap[0];

    AffixTable(boolean suffixes) {
        this.suffixes = suffixes;
    }

    /** Records {@code affix} (already case-folded) for rule {@code index} unless already present. */
    void add(String affix, int index) {
        int pos = Arrays.binarySearch(lengths, affix.length());
        if (pos < 0) {
            pos = -pos - 1;
            int[] l = new int[lengths.length + 1];
            @SuppressWarnings("unchecked")
            HashMap<String, Integer>[] b = new HashMap[buckets.length + 1];
            System.arraycopy(lengths, 0, l, 0, pos);
            System.arraycopy(buckets, 0, b, 0, pos);
            l[pos] = affix.length();
            b[pos] = new HashMap<>();
            System.arraycopy(lengths, pos, l, pos + 1, lengths.length - pos);
            System.arraycopy(buckets, pos, b, pos + 1, buckets.length - pos);
            lengths = l;
            buckets = b;
        }
        buckets[pos].putIfAbsent(affix, index);
    }

    /**
     * The lowest rule index whose affix matches {@code localKey} with at least one character
     * left over, or {@link RuleIndex#NONE}.
     */
    int lookup(String localKey) {
        return lookupUpTo(localKey, localKey.length() - 1);
    }

    /**
     * The lowest rule index whose affix is an affix of {@code affix} itself (or equal to it):
     * that rule matches every address {@code affix} would.
     */
    int covering(String affix) {
        return lookupUpTo(affix, affix.length());
    }

    private int lookupUpTo(String key, int maxLength) {
        int best = RuleIndex.NONE;
        for (int i = 0; i < lengths.length && lengths[i] <= maxLength; i++) {
            int len = lengths[i];
            String piece = suffixes ? key.substring(key.length() - len) : key.substring(0, len);
            Integer hit = buckets[i].get(piece);
            if (hit != null && hit < best) {
                best = hit;
            }
        }
        return best;
    }
}
