package org.twgate.config.bind;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.twgate.config.Source;
import org.twgate.rewrite.rule.Match;
import org.twgate.rewrite.rule.RuleSpec;

/**
 * Binds one rule of a rule set: {@code id} (optional), {@code match} (a section of
 * {@code address}, or one of {@code local_parts}/{@code prefix}/{@code suffix}, with an
 * optional {@code domain}, {@code *} by default; or {@code domain} alone) and {@code result}
 * (the template), {@code refuse} (the text an address it matches is refused with) or {@code route}
 * (the name of the route that delivers what it matches, unchanged). The Match factories' {@link IllegalArgumentException}s become problems at
 * the line of the key that was wrong.
 */
final class RuleBinder {

    private static final String[] KINDS = {"address", "local_parts", "prefix", "suffix"};

    private RuleBinder() {
    }

    /** A rule spec and where it was written, or empty after reporting why not. */
    record Bound(RuleSpec spec, Source source) {
    }

    static Optional<Bound> bind(Section s, String defaultId) {
        Source source = s.origin().source();
        String id = s.text("id").map(String::strip).filter(t -> !t.isEmpty()).orElse(defaultId);
        Optional<Match> match = s.node("match").isEmpty() ? missingMatch(s)
                : match(Section.of(s.node("match").get(), s.pathOf("match"), s.problems(),
                        "address", "local_parts", "prefix", "suffix", "domain"));
        Optional<String> result = s.text("result");
        Optional<String> refuse = s.text("refuse");
        Optional<String> route = s.text("route").map(String::strip);
        int given = (result.isPresent() ? 1 : 0) + (refuse.isPresent() ? 1 : 0) + (route.isPresent() ? 1 : 0);
        if (given > 1) {
            s.problems().add(s.origin().problem(s.path(), "a rule takes one of result, refuse and route"));
            s.finish();
            return Optional.empty();
        }
        if (route.isPresent()) {
            s.finish();
            if (route.get().isEmpty()) {
                s.problems().add(s.originOf("route").problem(s.pathOf("route"), "name the route (route: qmail)"));
                return Optional.empty();
            }
            return match.map(m -> new Bound(RuleSpec.passing(id, m, route.get()), source));
        }
        if (refuse.isPresent()) {
            s.finish();
            if (refuse.get().isBlank()) {
                s.problems().add(s.originOf("refuse").problem(s.pathOf("refuse"),
                        "say why the address is refused (refuse: \"no mailbox here by that name\")"));
                return Optional.empty();
            }
            return match.map(m -> new Bound(RuleSpec.refusing(id, m, refuse.get().strip()), source));
        }
        if (result.isEmpty() || result.get().isBlank()) {
            s.problems().add(s.origin().problem(s.path(), "a rule needs a result template (result: \"$LOCAL@...\")"
                    + " or a refusal (refuse: \"why\")"));
        }
        s.finish();
        if (match.isEmpty() || result.isEmpty() || result.get().isBlank()) {
            return Optional.empty();
        }
        return Optional.of(new Bound(new RuleSpec(id, match.get(), result.get().strip()), source));
    }

    private static Optional<Match> missingMatch(Section s) {
        s.problems().add(s.origin().problem(s.path(), "a rule needs a match (address, local_parts, prefix, "
                + "suffix or domain)"));
        return Optional.empty();
    }

    private static Optional<Match> match(Section m) {
        List<String> given = new ArrayList<>();
        for (String k : KINDS) {
            if (m.has(k)) {
                given.add(k);
            }
        }
        m.finish();
        if (given.size() > 1) {
            m.problems().add(m.originOf(given.get(1)).problem(m.path(), "a match takes one of address, "
                    + "local_parts, prefix, suffix; found " + String.join(" and ", given)));
            return Optional.empty();
        }
        if (given.isEmpty() && !m.has("domain")) {
            m.problems().add(m.origin().problem(m.path(), "empty match: give address, local_parts, prefix, "
                    + "suffix or domain (\"*\" for every address)"));
            return Optional.empty();
        }
        String kind = given.isEmpty() ? "domain" : given.get(0);
        if (kind.equals("address") && m.has("domain")) {
            m.problems().add(m.originOf("domain").problem(m.path(),
                    "an address match already names its domain; drop domain"));
            return Optional.empty();
        }
        String domain = m.text("domain").map(String::strip).orElse("*");
        try {
            return switch (kind) {
                case "address" -> Optional.of(Match.exact(m.text("address").orElse("").strip()));
                case "local_parts" -> Optional.of(Match.localParts(
                        m.items("local_parts").orElse(List.of()).stream().map(i -> i.text().strip()).toList(),
                        domain));
                case "prefix" -> Optional.of(Match.prefix(m.text("prefix").orElse(""), domain));
                case "suffix" -> Optional.of(Match.suffix(m.text("suffix").orElse(""), domain));
                default -> Optional.of(Match.domain(domain));
            };
        } catch (IllegalArgumentException e) {
            // Match and DomainPattern quote the bad piece; point at the key that held it.
            String where = kind.equals("domain") || e.getMessage().contains("domain pattern") ? "domain" : kind;
            m.problems().add(m.originOf(where).problem(m.pathOf(where), e.getMessage()));
            return Optional.empty();
        }
    }
}
