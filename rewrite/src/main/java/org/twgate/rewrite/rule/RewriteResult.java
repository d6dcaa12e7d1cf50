package org.twgate.rewrite.rule;

import org.twgate.rewrite.address.EmailAddress;

/** What a rule set did with one address. */
public sealed interface RewriteResult
        permits RewriteResult.Rewritten, RewriteResult.Unchanged, RewriteResult.Failed, RewriteResult.Refused,
        RewriteResult.Passed {

    /** The address before rewriting (keep it for ORCPT). */
    EmailAddress original();

    /** The address to use from now on: the rewritten one, or the original if none applies. */
    EmailAddress address();

    /** A rule matched and gave {@code rewritten} (which may equal the original: an exemption rule). */
    record Rewritten(Rule rule, EmailAddress original, EmailAddress rewritten) implements RewriteResult {
        @Override
        public EmailAddress address() {
            return rewritten;
        }

        /** True if the address actually differs (byte for byte on the wire). */
        public boolean changesAddress() {
            return !original.toString().equals(rewritten.toString());
        }

        @Override
        public String toString() {
            return original + " -> " + rewritten + " by rule " + rule.id()
                    + (rule.source() == null ? "" : " (" + rule.source() + ")");
        }
    }

    /** No rule matched. */
    record Unchanged(EmailAddress original) implements RewriteResult {
        @Override
        public EmailAddress address() {
            return original;
        }

        @Override
        public String toString() {
            return original + " unchanged";
        }
    }

    /**
     * A rule matched but its result cannot be carried (e.g. a local part over 64 octets, or
     * {@code $SENDER} with the null sender). The address is left as it was; a caller answering
     * SMTP may refuse it with {@code 553 5.1.3} quoting {@link #reason()}.
     */
    record Failed(Rule rule, EmailAddress original, String reason) implements RewriteResult {
        @Override
        public EmailAddress address() {
            return original;
        }

        @Override
        public String toString() {
            return original + " failed by rule " + rule.id()
                    + (rule.source() == null ? "" : " (" + rule.source() + ")") + ": " + reason;
        }
    }

    /**
     * A refusing rule matched: the address is not one this rule set delivers (qmail would find no
     * {@code .qmail} file for it). A caller answering SMTP refuses it with {@code 550 5.1.1}
     * quoting {@link #reason()}.
     */
    record Refused(Rule rule, EmailAddress original, String reason) implements RewriteResult {
        @Override
        public EmailAddress address() {
            return original;
        }

        @Override
        public String toString() {
            return original + " refused by rule " + rule.id()
                    + (rule.source() == null ? "" : " (" + rule.source() + ")") + ": " + reason;
        }
    }

    /**
     * A routing rule matched: the address, unchanged, belongs to the route named {@link #route()}
     * (the caller's router follows it once; that route's own rule set then applies).
     */
    record Passed(Rule rule, EmailAddress original, String route) implements RewriteResult {
        @Override
        public EmailAddress address() {
            return original;
        }

        @Override
        public String toString() {
            return original + " to route " + route + " by rule " + rule.id()
                    + (rule.source() == null ? "" : " (" + rule.source() + ")");
        }
    }
}
