package org.twgate.gateway.deliver;

import java.util.List;
import java.util.Objects;

/**
 * A message as the deliver stage sees it: envelope, DSN parameters and content.
 *
 * @param queueId      the spool's id, carried into every log line
 * @param sender       envelope sender without brackets; the empty string is the null sender
 * @param recipients   the recipients to attempt now (those not yet done), at least one
 * @param ret          RFC 3461 RET ({@code FULL}/{@code HDRS}) or null
 * @param envid        RFC 3461 ENVID as xtext, or null
 * @param eightBitMime the body needs {@code BODY=8BITMIME}
 * @param smtpUtf8     the envelope or headers need {@code SMTPUTF8}
 * @param size         the stored size in octets, for the SIZE parameter
 * @param content      the stored message
 */
public record OutboundMessage(String queueId, String sender, List<OutboundRecipient> recipients,
                              String ret, String envid, boolean eightBitMime, boolean smtpUtf8,
                              long size, MessageContent content) {

    public OutboundMessage {
        Objects.requireNonNull(queueId, "queueId");
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(content, "content");
        recipients = List.copyOf(recipients);
        if (recipients.isEmpty()) {
            throw new IllegalArgumentException("message " + queueId + ": no recipients to deliver to");
        }
        if (size < 0) {
            throw new IllegalArgumentException("message " + queueId + ": negative size " + size);
        }
        WireText.requireSingleLine(sender, "sender of " + queueId);
        WireText.requireSingleLine(ret, "RET of " + queueId);
        WireText.requireSingleLine(envid, "ENVID of " + queueId);
    }

    /** A message without DSN parameters or special body needs. */
    public static OutboundMessage of(String queueId, String sender, List<OutboundRecipient> recipients,
                                     byte[] content) {
        return new OutboundMessage(queueId, sender, recipients, null, null, false, false,
                content.length, MessageContent.ofBytes(content));
    }

    public boolean nullSender() {
        return sender.isEmpty();
    }
}
