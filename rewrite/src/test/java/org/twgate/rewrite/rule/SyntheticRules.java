package org.twgate.rewrite.rule;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.twgate.rewrite.address.EmailAddress;

/** Large rule sets of mixed kinds for tests; the benchmark builds the same shape. */
final class SyntheticRules {
    private SyntheticRules() {
    }

    /** {@code n} rules cycling through exact, local-part list, domain, prefix and suffix. */
    static RuleSet mixed(int n) {
        RuleSet.Builder b = RuleSet.builder("synthetic");
        for (int i = 0; i < n; i++) {
            String d = "d" + (i % 500) + ".example";
            RuleSpec spec = switch (i % 5) {
                case 0 -> new RuleSpec("exact" + i, Match.exact("user" + i + "@" + d), "u" + i + "@tw." + d);
                case 1 -> new RuleSpec("list" + i, Match.localParts(List.of("role" + i, "alias" + i), d), "admin@$HOST");
                case 2 -> new RuleSpec("dom" + i, Match.domain("dom" + i + ".example"), "$LOCAL@tw.$HOST");
                case 3 -> new RuleSpec("pre" + i, Match.prefix("p" + i + ".", d), "$DEFAULT@tw.$HOST");
                default -> new RuleSpec("suf" + i, Match.suffix(".s" + i, d), "$DEFAULT@tw.$HOST");
            };
            b.add(spec, "synthetic:" + (i + 1));
        }
        return b.build();
    }

    /** Addresses that hit each kind of rule, and some that hit none. */
    static List<EmailAddress> probes(int n, long seed) {
        Random random = new Random(seed);
        List<EmailAddress> out = new ArrayList<>(n);
        for (int k = 0; k < n; k++) {
            int kind = random.nextInt(6);
            int i = random.nextInt(2_000) * 5 + kind % 5; // rule i is of kind i % 5
            String d = "d" + (i % 500) + ".example";
            String text = switch (kind) {
                case 0 -> "user" + i + "@" + d.toUpperCase();
                case 1 -> "alias" + i + "@" + d;
                case 2 -> "someone@Dom" + i + ".example";
                case 3 -> "p" + i + ".john@" + d;
                case 4 -> "john.S" + i + "@" + d;
                default -> "nobody" + i + "@elsewhere.example";
            };
            out.add(EmailAddress.parse(text));
        }
        return out;
    }
}
