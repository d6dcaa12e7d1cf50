package org.twgate.gateway.spool;

import java.util.Objects;

/**
 * One envelope recipient.
 *
 * @param index   position in the envelope; the journal refers to recipients by it
 * @param address the forward-path without brackets, as received (before any rewriting)
 * @param dsnNotify DSN {@code NOTIFY} value as received, or null
 * @param orcpt   DSN {@code ORCPT} value as received ({@code type;xtext}), or null
 */
public record EnvelopeRecipient(int index, String address, String dsnNotify, String orcpt) {
    public EnvelopeRecipient {
        Objects.requireNonNull(address, "address");
        if (index < 0) {
            throw new IllegalArgumentException("negative recipient index " + index);
        }
    }
}
