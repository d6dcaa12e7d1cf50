package org.twgate.rewrite.rule;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.twgate.rewrite.address.EmailAddress;

/**
 * Random small rule sets over a tiny alphabet (so rules collide and shadow each other): the
 * hash index always picks the same rule as trying them one by one in order.
 */
class RuleIndexProperties {
    private static final List<String> DOMAINS = List.of("a.b", "x.a.b", "A.B", "c.d", "b");
    private static final List<String> PATTERNS = List.of("a.b", ".a.b", ".b", "*", "c.d", "x.a.b");

    @Property(tries = 500, seed = "4242")
    void indexAgreesWithALinearScan(@ForAll("specs") List<RuleSpec> specs, @ForAll("addresses") List<EmailAddress> probes) {
        RuleSet.Builder b = RuleSet.builder("random");
        for (RuleSpec s : specs) {
            try {
                b.add(s);
            } catch (RewriteConfigException shadowed) {
                // a shadowed rule is refused; the rest of the set still has to agree
            }
        }
        RuleSet rules = b.build();
        for (EmailAddress p : probes) {
            Rule linear = rules.rules().stream().filter(r -> r.matches(p)).findFirst().orElse(null);
            assertThat(rules.match(p).orElse(null)).as("first rule for %s", p).isSameAs(linear);
        }
    }

    @Provide
    Arbitrary<List<RuleSpec>> specs() {
        Arbitrary<String> piece = Arbitraries.strings().withChars("abAB.").ofMinLength(1).ofMaxLength(3)
                .filter(s -> !s.startsWith(".") && !s.endsWith(".") && !s.contains(".."));
        Arbitrary<String> pattern = Arbitraries.of(PATTERNS);
        Arbitrary<RuleSpec> spec = Combinators.combine(Arbitraries.integers().between(0, 4), piece, pattern,
                Arbitraries.integers().between(0, 1_000_000)).as((kind, p, d, id) -> switch (kind) {
                    case 0 -> new RuleSpec("e" + id, Match.exact(p + "@" + (d.equals("*") ? "a.b" : d.replaceFirst("^\\.", ""))), "x@y.z");
                    case 1 -> new RuleSpec("l" + id, Match.localParts(List.of(p, p + "a"), d), "x@y.z");
                    case 2 -> new RuleSpec("p" + id, Match.prefix(p, d), "$DEFAULT@y.z");
                    case 3 -> new RuleSpec("s" + id, Match.suffix(p, d), "$DEFAULT@y.z");
                    default -> new RuleSpec("d" + id, Match.domain(d), "$LOCAL@y.z");
                });
        return spec.list().ofMaxSize(12);
    }

    @Provide
    Arbitrary<List<EmailAddress>> addresses() {
        Arbitrary<String> local = Arbitraries.strings().withChars("abAB").ofMinLength(1).ofMaxLength(5);
        return Combinators.combine(local, Arbitraries.of(DOMAINS)).as((l, d) -> EmailAddress.parse(l + "@" + d))
                .list().ofMinSize(1).ofMaxSize(20);
    }
}
