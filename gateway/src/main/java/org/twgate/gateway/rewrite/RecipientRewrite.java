package org.twgate.gateway.rewrite;

import java.util.Objects;
import org.twgate.gateway.deliver.OutboundRecipient;
import org.twgate.gateway.spool.EnvelopeRecipient;

/** What a route's recipient rule set made of one envelope recipient. */
public sealed interface RecipientRewrite permits RecipientRewrite.Deliverable, RecipientRewrite.Refused {

    /** The recipient as spooled (as received). */
    EnvelopeRecipient received();

    /**
     * To be delivered as {@code outbound} (rewritten or not).
     *
     * @param rule the rule that rewrote it ({@code id (file:line)}), or null when none did
     */
    record Deliverable(EnvelopeRecipient received, OutboundRecipient outbound, String rule)
            implements RecipientRewrite {
        public Deliverable {
            Objects.requireNonNull(received, "received");
            Objects.requireNonNull(outbound, "outbound");
        }

        public boolean changed() {
            return !received.address().equals(outbound.address());
        }
    }

    /** Never to be delivered: the rule set could not produce an address for it. */
    record Refused(EnvelopeRecipient received, String diagnostic) implements RecipientRewrite {
        public Refused {
            Objects.requireNonNull(received, "received");
            Objects.requireNonNull(diagnostic, "diagnostic");
        }
    }
}
