package org.twgate.rewrite.rule;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.twgate.rewrite.address.AddressSyntaxException;
import org.twgate.rewrite.address.EmailAddress;
import org.twgate.rewrite.address.ReversePath;

/**
 * An ordered, immutable set of rewrite rules: the first rule that matches wins and its result
 * is final. Thread-safe; a lookup costs a handful of hash probes whatever the number of rules.
 */
public final class RuleSet {
    private final String name;
    private final List<Rule> rules;
    private final RuleIndex index;

    private RuleSet(String name, List<Rule> rules, RuleIndex index) {
        this.name = name;
        this.rules = List.copyOf(rules);
        this.index = index;
    }

    /** Starts a rule set; rules are added in the order they should be tried. */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** A rule set that leaves every address unchanged. */
    public static RuleSet empty(String name) {
        return builder(name).build();
    }

    public String name() {
        return name;
    }

    /** The rules in order. */
    public List<Rule> rules() {
        return rules;
    }

    /** The first rule that matches, if any. */
    public Optional<Rule> match(EmailAddress address) {
        int i = index.lookup(address);
        return i == RuleIndex.NONE ? Optional.empty() : Optional.of(rules.get(i));
    }

    /** Rewrites an address where {@code $SENDER} is not known (a rule using it then fails). */
    public RewriteResult rewrite(EmailAddress address) {
        return rewrite(address, ReversePath.NULL);
    }

    /** Rewrites an address of a transaction whose envelope sender is {@code sender}. */
    public RewriteResult rewrite(EmailAddress address, ReversePath sender) {
        int i = index.lookup(address);
        return i == RuleIndex.NONE ? new RewriteResult.Unchanged(address) : rules.get(i).apply(address, sender);
    }

    /** Rewrites a reverse-path; the null path {@code <>} is never rewritten. */
    public RewriteResult rewriteSender(ReversePath.Mailbox sender) {
        return rewrite(sender.address(), sender);
    }

    @Override
    public String toString() {
        return "rule set " + name + " (" + rules.size() + " rules)";
    }

    /** Collects rules in order, checking each as it comes; not thread-safe. */
    public static final class Builder {
        private final String name;
        private final List<Rule> rules = new ArrayList<>();
        private final RuleIndex index = new RuleIndex();
        private boolean built;

        private Builder(String name) {
            this.name = name;
        }

        /**
         * Adds a rule after those already added.
         *
         * @param source where the rule came from (e.g. a file:line object); carried into
         *               results and errors, never interpreted
         * @throws RewriteConfigException if the template is invalid, uses an unknown variable,
         *                                or the rule can never match because of an earlier one
         */
        public Builder add(RuleSpec spec, Object source) {
            if (built) {
                throw new IllegalStateException("rule set " + name + " already built");
            }
            Template template = null;
            try {
                if (spec.template() != null) {
                    template = Template.compile(spec.template(), spec.match());
                } else if (spec.passes()) {
                    if (spec.route().isBlank()) {
                        throw new IllegalArgumentException("a route rule needs a route name");
                    }
                } else if (spec.refusal().isBlank() || spec.refusal().chars().anyMatch(c -> c < ' ')) {
                    throw new IllegalArgumentException("a refusal needs one line of text");
                }
            } catch (IllegalArgumentException e) {
                throw new RewriteConfigException(spec.id(), source, "rule " + spec.id() + ": " + e.getMessage());
            }
            Rule rule = new Rule(spec, source, rules.size(), template);
            checkNotShadowed(rule);
            insert(rule);
            rules.add(rule);
            return this;
        }

        /** Like {@link #add(RuleSpec, Object)} with no source. */
        public Builder add(RuleSpec spec) {
            return add(spec, null);
        }

        /** The finished, immutable rule set. */
        public RuleSet build() {
            built = true;
            return new RuleSet(name, rules, index);
        }

        private void insert(Rule rule) {
            int i = rule.index();
            Match m = rule.match();
            DomainRules g = index.group(m.domain().key());
            g.noteIndex(i);
            if (m instanceof Match.Exact e) {
                g.localParts.putIfAbsent(e.address().localPartKey(), i);
            } else if (m instanceof Match.LocalParts l) {
                l.localParts().forEach(p -> g.localParts.putIfAbsent(EmailAddress.foldCase(p), i));
            } else if (m instanceof Match.Prefix p) {
                g.prefixes.add(EmailAddress.foldCase(p.prefix()), i);
            } else if (m instanceof Match.Suffix x) {
                g.suffixes.add(EmailAddress.foldCase(x.suffix()), i);
            } else {
                g.catchAll = Math.min(g.catchAll, i);
            }
        }

        /**
         * Refuses a rule (or one of its local parts) that an earlier rule already matches in
         * full: the earlier rule would always win, so this one is dead configuration.
         */
        private void checkNotShadowed(Rule rule) {
            Match m = rule.match();
            for (DomainRules g : index.covering(m.domain().key())) {
                shadowedBy(rule, g.catchAll, null);
                if (m instanceof Match.Exact e) {
                    shadowedBy(rule, g.lookup(e.address().localPartKey()), e.address().localPart());
                } else if (m instanceof Match.LocalParts l) {
                    l.localParts().forEach(p -> shadowedBy(rule, g.lookup(EmailAddress.foldCase(p)), p));
                } else if (m instanceof Match.Prefix p) {
                    shadowedBy(rule, g.prefixes.covering(EmailAddress.foldCase(p.prefix())), null);
                } else if (m instanceof Match.Suffix x) {
                    shadowedBy(rule, g.suffixes.covering(EmailAddress.foldCase(x.suffix())), null);
                }
            }
        }

        private void shadowedBy(Rule rule, int earlier, String localPart) {
            if (earlier == RuleIndex.NONE) {
                return;
            }
            Rule e = rules.get(earlier);
            String what = localPart == null ? "rule " + rule.id() + " (" + rule.match() + ")"
                    : "local part " + AddressSyntaxException.quote(localPart) + " of rule " + rule.id();
            throw new RewriteConfigException(rule.id(), rule.source(), what
                    + " can never match: earlier rule " + e.id() + " (" + e.match() + ")"
                    + (e.source() == null ? "" : " at " + e.source()) + " already matches every such address");
        }
    }
}
