package org.twgate.rewrite.rule;

/**
 * One rule as a configuration states it: an id (for logs, metrics and error messages), what
 * it matches, and the result template. Checked when added to a {@link RuleSet.Builder}.
 */
public record RuleSpec(String id, Match match, String template) {

    public RuleSpec {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("rule without an id");
        }
        if (match == null) {
            throw new IllegalArgumentException("rule " + id + " has no match");
        }
    }

    /**
     * Teamware base-address aliasing ({@code own_node = A:tw.company.com}): every address in
     * {@code fromDomain} becomes the same local part in {@code toDomain}.
     */
    public static RuleSpec domainAlias(String id, String fromDomain, String toDomain) {
        return new RuleSpec(id, Match.domain(fromDomain), "$LOCAL@" + toDomain);
    }
}
