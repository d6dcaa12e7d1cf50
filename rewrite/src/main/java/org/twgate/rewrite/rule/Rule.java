package org.twgate.rewrite.rule;

import org.twgate.rewrite.address.AddressSyntaxException;
import org.twgate.rewrite.address.EmailAddress;
import org.twgate.rewrite.address.ReversePath;

/** A compiled rule: its spec, its place in the rule set, its source, and its template. */
public final class Rule {
    private final RuleSpec spec;
    private final Object source;
    private final int index;
    private final Template template;

    Rule(RuleSpec spec, Object source, int index, Template template) {
        this.spec = spec;
        this.source = source;
        this.index = index;
        this.template = template;
    }

    public String id() {
        return spec.id();
    }

    public RuleSpec spec() {
        return spec;
    }

    /** The source object the caller gave with the rule (e.g. file:line), may be null. */
    public Object source() {
        return source;
    }

    /** Zero-based position in the rule set: the lower wins. */
    public int index() {
        return index;
    }

    public Match match() {
        return spec.match();
    }

    /** E.g. {@code prefix tw. at company.com -> $DEFAULT@tw.company.com}. */
    public String description() {
        return spec.match() + " -> " + template;
    }

    /** True if this rule alone would match {@code address} (ignoring rules before it). */
    public boolean matches(EmailAddress address) {
        return spec.match().matches(address);
    }

    /** Applies the template to an address this rule matches. */
    public RewriteResult apply(EmailAddress address, ReversePath sender) {
        try {
            EmailAddress out = template.apply(address, spec.match().defaultPart(address), sender);
            if (out == null) {
                return new RewriteResult.Failed(this, address, "$SENDER is the null reverse-path <>");
            }
            return new RewriteResult.Rewritten(this, address, out);
        } catch (AddressSyntaxException e) {
            return new RewriteResult.Failed(this, address, e.getMessage());
        }
    }

    @Override
    public String toString() {
        return id() + ": " + description() + (source == null ? "" : " (" + source + ")");
    }
}
