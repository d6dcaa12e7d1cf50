package org.twgate.rewrite.rule;

/**
 * A rule that cannot be compiled. {@link #getMessage()} is the fault alone, so a loader can
 * prefix it with the rule's file:line; {@link #source()} is the source object given with the
 * rule, and {@link #describe()} joins the two.
 */
public final class RewriteConfigException extends RuntimeException {
    private final String ruleId;
    private final transient Object source;

    public RewriteConfigException(String ruleId, Object source, String message) {
        super(message);
        this.ruleId = ruleId;
        this.source = source;
    }

    /** The id of the offending rule. */
    public String ruleId() {
        return ruleId;
    }

    /** The source object the caller gave with the offending rule (e.g. file:line), may be null. */
    public Object source() {
        return source;
    }

    /** {@code source: message}, or the message alone when there is no source. */
    public String describe() {
        return source == null ? getMessage() : source + ": " + getMessage();
    }
}
