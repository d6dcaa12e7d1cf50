package org.twgate.gateway.deliver;

import java.util.Objects;

/**
 * One envelope recipient with its RFC 3461 parameters, already validated when the message
 * was accepted and passed on as raw strings.
 *
 * @param address the mailbox, without angle brackets
 * @param notifyWhen the NOTIFY value ({@code SUCCESS,FAILURE}, {@code NEVER}) or null
 * @param orcpt   the ORCPT value as xtext ({@code rfc822;john@example.com}) or null
 */
public record OutboundRecipient(String address, String notifyWhen, String orcpt) {

    public OutboundRecipient {
        Objects.requireNonNull(address, "address");
        WireText.requireSingleLine(address, "recipient address");
        WireText.requireSingleLine(notifyWhen, "NOTIFY of " + address);
        WireText.requireSingleLine(orcpt, "ORCPT of " + address);
    }

    public static OutboundRecipient of(String address) {
        return new OutboundRecipient(address, null, null);
    }
}
