package org.twgate.config.policy;

import java.util.Map;
import java.util.Objects;
import org.twgate.config.Source;

/**
 * One client access rule: which addresses, whether they may connect, whether they may
 * relay (qmail's {@code RELAYCLIENT}), and the rule as the operator wrote it.
 *
 * @param variables environment instructions of a tcp.smtp rule ({@code RBLSMTPD} …), kept
 *                  for the record; only {@code RELAYCLIENT} has an effect in twgate
 */
public record ClientRule(AddressPattern pattern, boolean allowed, boolean relayClient,
                         Map<String, String> variables, String text, Source source) {

    public ClientRule {
        Objects.requireNonNull(pattern, "pattern");
        variables = Map.copyOf(variables);
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(source, "source");
    }

    /** A {@code relay_clients} entry: allowed, and allowed to relay. */
    public static ClientRule relayClient(AddressPattern pattern, String text, Source source) {
        return new ClientRule(pattern, true, true, Map.of("RELAYCLIENT", ""), text, source);
    }
}
