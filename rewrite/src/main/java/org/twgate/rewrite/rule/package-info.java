/**
 * Rule sets: ordered address rewrites in the vocabulary of qmail administrators.
 *
 * <p>Takes {@link org.twgate.rewrite.rule.RuleSpec}s (a {@link org.twgate.rewrite.rule.Match}
 * plus a result template using {@code $LOCAL}, {@code $HOST}, {@code $DEFAULT},
 * {@code $SENDER}, {@code $RECIPIENT}), each with an opaque source object from the caller
 * (typically a file:line), and compiles them with {@link org.twgate.rewrite.rule.RuleSet#builder}
 * into an immutable {@link org.twgate.rewrite.rule.RuleSet}. It hands on a
 * {@link org.twgate.rewrite.rule.RewriteResult} per address: rewritten (by which rule, from
 * where), unchanged, or failed (the template gave an address too long to carry).
 *
 * <p>Semantics: the first rule in order that matches wins, and its result is final (it is
 * never fed back into the rule set, so rules cannot loop). Domains and local parts match
 * without regard to case; the rewritten address keeps the case of what it copies. Lookups are
 * hash-based, so the cost of a rewrite does not grow with the number of rules.
 *
 * <p>Fails at build time with {@link org.twgate.rewrite.rule.RewriteConfigException}, which
 * names the rule and carries its source: an unknown variable, a template that cannot produce a
 * valid address, or a rule that can never match because an earlier rule already matches every
 * address it would.
 */
package org.twgate.rewrite.rule;
