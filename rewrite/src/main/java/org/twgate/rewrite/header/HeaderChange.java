package org.twgate.rewrite.header;

import org.twgate.rewrite.address.EmailAddress;
import org.twgate.rewrite.rule.RewriteResult;

/**
 * One address replaced in a header block: the field it was in, where its bytes were in the
 * original block ({@code [offset, offset + length)}), and the rewrite that replaced them.
 */
public record HeaderChange(String field, int offset, int length, RewriteResult.Rewritten rewrite) {

    public EmailAddress original() {
        return rewrite.original();
    }

    public EmailAddress rewritten() {
        return rewrite.rewritten();
    }

    @Override
    public String toString() {
        return field + ": " + rewrite;
    }
}
