package org.twgate.rewrite.rule;

import java.util.HashSet;
import java.util.Set;
import java.util.function.Predicate;
import org.twgate.rewrite.address.AddressSyntaxException;
import org.twgate.rewrite.address.EmailAddress;
import org.twgate.rewrite.address.ReversePath;

/** A compiled rule: its spec, its place in the rule set, its source, and its template. */
public final class Rule {
    private final RuleSpec spec;
    private final Object source;
    private final int index;
    private final Template template;
    private final Predicate<EmailAddress> matcher;

    Rule(RuleSpec spec, Object source, int index, Template template) {
        this.spec = spec;
        this.source = source;
        this.index = index;
        this.template = template;
        this.matcher = matcher(spec.match());
    }

    /** The match with its keys case-folded once, for {@link #matches} (a linear scan's test). */
    private static Predicate<EmailAddress> matcher(Match m) {
        DomainPattern domain = m.domain();
        if (m instanceof Match.Exact e) {
            String local = e.address().localPartKey();
            String dk = e.address().domainKey();
            return a -> a.localPartKey().equals(local) && a.domainKey().equals(dk);
        } else if (m instanceof Match.LocalParts l) {
            Set<String> keys = new HashSet<>();
            l.localParts().forEach(p -> keys.add(EmailAddress.foldCase(p)));
            return a -> keys.contains(a.localPartKey()) && domain.matches(a.domainKey());
        } else if (m instanceof Match.Prefix p) {
            String prefix = EmailAddress.foldCase(p.prefix());
            return a -> a.localPartKey().length() > prefix.length() && a.localPartKey().startsWith(prefix)
                    && domain.matches(a.domainKey());
        } else if (m instanceof Match.Suffix x) {
            String suffix = EmailAddress.foldCase(x.suffix());
            return a -> a.localPartKey().length() > suffix.length() && a.localPartKey().endsWith(suffix)
                    && domain.matches(a.domainKey());
        }
        return a -> domain.matches(a.domainKey());
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

    /** E.g. {@code prefix tw. at company.com -> $DEFAULT@tw.company.com}, or {@code … refused: text}. */
    public String description() {
        return spec.match() + (spec.refuses() ? " refused: " + spec.refusal()
                : spec.passes() ? " to route " + spec.route() : " -> " + template);
    }

    /** True if this rule alone would match {@code address} (ignoring rules before it). */
    public boolean matches(EmailAddress address) {
        return matcher.test(address);
    }

    /** Applies the template to an address this rule matches. */
    public RewriteResult apply(EmailAddress address, ReversePath sender) {
        if (spec.refuses()) {
            return new RewriteResult.Refused(this, address, spec.refusal());
        }
        if (spec.passes()) {
            return new RewriteResult.Passed(this, address, spec.route());
        }
        try {
            EmailAddress out = template.apply(address, spec.match().defaultPart(address),
                    spec.match().extension(address), sender);
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
