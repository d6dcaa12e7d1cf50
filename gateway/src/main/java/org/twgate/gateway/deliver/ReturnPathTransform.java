package org.twgate.gateway.deliver;

import java.nio.charset.StandardCharsets;

/**
 * Return-Path for a final delivery (RFC 5321 §4.4): every stored {@code Return-Path:} field
 * goes (with its continuation lines: a forged or stale one must not survive) and exactly one
 * {@code Return-Path: <sender>} is put first; {@code <>} for the null sender. The Teamware
 * connector needs it to send read receipts (Disposition-Notification-To must match it).
 *
 * <p>Applied only to final-delivery hops: a relay must never add one, which
 * {@link HeaderTransform#forHop} ensures.
 */
public final class ReturnPathTransform implements HeaderTransform {

    public static final ReturnPathTransform INSTANCE = new ReturnPathTransform();

    private ReturnPathTransform() {
    }

    @Override
    public HeaderSection apply(HeaderSection headers, OutboundMessage message, NextHop hop) {
        // The sender may be UTF-8 (SMTPUTF8); the block holds octets as ISO-8859-1 chars.
        String field = new String(("Return-Path: <" + message.sender() + ">\r\n").getBytes(StandardCharsets.UTF_8),
                StandardCharsets.ISO_8859_1);
        return headers.without("Return-Path").prepend(field);
    }
}
