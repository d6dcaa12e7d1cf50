package org.twgate.dsn.qsbmf;

import java.util.Optional;
import java.util.function.Function;
import org.twgate.dsn.param.OriginalRecipient;

/**
 * What the caller recovered from its own records about the bounced message: the ENVID it
 * was relayed with and the ORCPT of each recipient (looked up by the address qmail names).
 */
public record RecoveredEnvelope(Optional<String> envelopeId,
        Function<String, Optional<OriginalRecipient>> originalRecipient) {

    /** Nothing recovered: the message was not one the gateway relayed, or is forgotten. */
    public static final RecoveredEnvelope NONE = new RecoveredEnvelope(Optional.empty(), a -> Optional.empty());
}
