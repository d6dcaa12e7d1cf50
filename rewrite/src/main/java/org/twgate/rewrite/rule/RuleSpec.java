package org.twgate.rewrite.rule;

/**
 * One rule as a configuration states it: an id (for logs, metrics and error messages), what
 * it matches, and either the result template or a refusal: the text with which an address it
 * matches is refused ({@code 550 5.1.1}), as qmail-local bounces an address no {@code .qmail}
 * file controls ("Sorry, no mailbox here by that name"). Checked when added to a
 * {@link RuleSet.Builder}.
 */
public record RuleSpec(String id, Match match, String template, String refusal) {

    public RuleSpec {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("rule without an id");
        }
        if (match == null) {
            throw new IllegalArgumentException("rule " + id + " has no match");
        }
        if ((template == null) == (refusal == null)) {
            throw new IllegalArgumentException("rule " + id + " needs either a result template or a refusal");
        }
    }

    /** A rewriting rule. */
    public RuleSpec(String id, Match match, String template) {
        this(id, match, template, null);
    }

    /** A rule refusing every address it matches with {@code text}. */
    public static RuleSpec refusing(String id, Match match, String text) {
        return new RuleSpec(id, match, null, text);
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
