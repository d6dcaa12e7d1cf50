package org.twgate.rewrite.header;

import org.twgate.rewrite.address.EmailAddress;
import org.twgate.rewrite.rule.RewriteResult;

/**
 * What to do with one address found in a header: typically {@code ruleSet::rewrite}, or
 * {@code a -> ruleSet.rewrite(a, sender)} when templates use {@code $SENDER}.
 */
@FunctionalInterface
public interface AddressRewriter {
    RewriteResult rewrite(EmailAddress address);
}
