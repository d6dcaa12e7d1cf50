package org.twgate.config.policy;

import java.util.Optional;
import org.twgate.config.Source;

/**
 * What {@link ClientAccess} decided for one client address, and why.
 *
 * @param allowed     may the client open an SMTP session at all
 * @param relayClient may it send to any domain (qmail's {@code RELAYCLIENT})
 * @param rule        the matching rule as written, or empty when no rule matched
 */
public record ClientDecision(boolean allowed, boolean relayClient, Optional<ClientRule> rule) {

    /** No rule matched: qmail's behaviour without a rule, allowed but not a relay client. */
    public static ClientDecision byDefault() {
        return new ClientDecision(true, false, Optional.empty());
    }

    public static ClientDecision of(ClientRule rule) {
        return new ClientDecision(rule.allowed(), rule.allowed() && rule.relayClient(), Optional.of(rule));
    }

    /** For logs and refusals: {@code tcp.smtp:4 '10.1.:deny'} or {@code no rule matched}. */
    public String reason() {
        return rule.map(r -> r.source() + " '" + r.text() + "'").orElse("no rule matched");
    }

    public Optional<Source> source() {
        return rule.map(ClientRule::source);
    }
}
