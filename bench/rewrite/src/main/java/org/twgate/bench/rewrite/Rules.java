package org.twgate.bench.rewrite;

import java.util.List;
import java.util.Random;
import org.twgate.rewrite.address.EmailAddress;
import org.twgate.rewrite.address.ReversePath;
import org.twgate.rewrite.rule.Match;
import org.twgate.rewrite.rule.RewriteResult;
import org.twgate.rewrite.rule.Rule;
import org.twgate.rewrite.rule.RuleSet;
import org.twgate.rewrite.rule.RuleSpec;

/** The benchmark's rule set: 10,000 rules of mixed kinds in 500 domains, and probes for each kind. */
final class Rules {
    static final int RULES = 10_000;

    private Rules() {
    }

    /** Rule i is exact, local-part list, domain, prefix or suffix by i % 5; the last one maps company.com. */
    static RuleSet mixed() {
        RuleSet.Builder b = RuleSet.builder("bench");
        for (int i = 0; i < RULES - 1; i++) {
            String d = "d" + (i % 500) + ".example";
            RuleSpec spec = switch (i % 5) {
                case 0 -> new RuleSpec("exact" + i, Match.exact("user" + i + "@" + d), "u" + i + "@tw." + d);
                case 1 -> new RuleSpec("list" + i, Match.localParts(List.of("role" + i, "alias" + i), d), "admin@$HOST");
                case 2 -> new RuleSpec("dom" + i, Match.domain("dom" + i + ".example"), "$LOCAL@tw.$HOST");
                case 3 -> new RuleSpec("pre" + i, Match.prefix("p" + i + ".", d), "$DEFAULT@tw.$HOST");
                default -> new RuleSpec("suf" + i, Match.suffix(".s" + i, d), "$DEFAULT@tw.$HOST");
            };
            b.add(spec, "bench:" + (i + 1));
        }
        b.add(new RuleSpec("to-teamware", Match.domain("company.com"), "\"$LOCAL\"@tw.company.com"), "bench:" + RULES);
        return b.build();
    }

    /** Addresses that each match a rule of one of {@code kinds} (0 exact .. 4 suffix, 5 no rule). */
    static EmailAddress[] probes(int count, int... kinds) {
        Random random = new Random(7);
        EmailAddress[] out = new EmailAddress[count];
        for (int k = 0; k < count; k++) {
            int kind = kinds[random.nextInt(kinds.length)];
            int i = random.nextInt((RULES - 1) / 5) * 5 + kind % 5;
            String d = "d" + (i % 500) + ".example";
            out[k] = EmailAddress.parse(switch (kind) {
                case 0 -> "user" + i + "@" + d;
                case 1 -> "alias" + i + "@" + d;
                case 2 -> "someone" + k + "@dom" + i + ".example";
                case 3 -> "p" + i + ".john@" + d;
                case 4 -> "john.s" + i + "@" + d;
                default -> "nobody" + i + "@elsewhere.example";
            });
        }
        return out;
    }

    /** The naive peer: try every rule in order. */
    static RewriteResult linear(RuleSet rules, EmailAddress address) {
        for (Rule r : rules.rules()) {
            if (r.matches(address)) {
                return r.apply(address, ReversePath.NULL);
            }
        }
        return new RewriteResult.Unchanged(address);
    }
}
