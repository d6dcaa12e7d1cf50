package org.twgate.rewrite.rule;

/**
 * One rule as a configuration states it: an id (for logs, metrics and error messages), what
 * it matches, and one of: the result template; a refusal, the text with which an address it
 * matches is refused ({@code 550 5.1.1}), as qmail-local bounces an address no {@code .qmail}
 * file controls ("Sorry, no mailbox here by that name"); or a route, the name of the route that
 * delivers the addresses it matches as they are (in a domain qmail shares with Teamware, the
 * addresses qmail delivers itself go back to qmail). Checked when added to a
 * {@link RuleSet.Builder}.
 */
public record RuleSpec(String id, Match match, String template, String refusal, String route) {

    public RuleSpec {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("rule without an id");
        }
        if (match == null) {
            throw new IllegalArgumentException("rule " + id + " has no match");
        }
        int given = (template == null ? 0 : 1) + (refusal == null ? 0 : 1) + (route == null ? 0 : 1);
        if (given != 1) {
            throw new IllegalArgumentException("rule " + id + " needs exactly one of a result template, a refusal"
                    + " or a route");
        }
    }

    /** A rewriting rule. */
    public RuleSpec(String id, Match match, String template) {
        this(id, match, template, null, null);
    }

    /** A rewriting rule or (template null) a refusing one. */
    public RuleSpec(String id, Match match, String template, String refusal) {
        this(id, match, template, refusal, null);
    }

    /** A rule refusing every address it matches with {@code text}. */
    public static RuleSpec refusing(String id, Match match, String text) {
        return new RuleSpec(id, match, null, text, null);
    }

    /** A rule handing every address it matches, unchanged, to the route named {@code route}. */
    public static RuleSpec passing(String id, Match match, String route) {
        return new RuleSpec(id, match, null, null, route);
    }

    public boolean passes() {
        return route != null;
    }

    public boolean refuses() {
        return refusal != null;
    }

    /**
     * Teamware base-address aliasing ({@code own_node = A:tw.company.com}): every address in
     * {@code fromDomain} becomes the same local part in {@code toDomain}.
     */
    public static RuleSpec domainAlias(String id, String fromDomain, String toDomain) {
        return new RuleSpec(id, Match.domain(fromDomain), "$LOCAL@" + toDomain);
    }
}
