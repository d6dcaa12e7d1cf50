package org.twgate.gateway.deliver;

/**
 * Changes the header section of a message on its way out; the body is never touched. The
 * Return-Path injection is one; the rewrite stage plugs in another ({@code To:}/{@code Cc:}).
 * Transforms compose into a chain with {@link #andThen}.
 */
@FunctionalInterface
public interface HeaderTransform {

    /** Leaves the headers as stored. */
    HeaderTransform IDENTITY = (headers, message, hop) -> headers;

    /** The new header section for {@code message} going to {@code hop}. */
    HeaderSection apply(HeaderSection headers, OutboundMessage message, NextHop hop);

    /** This transform, then {@code next} on its result. */
    default HeaderTransform andThen(HeaderTransform next) {
        return (headers, message, hop) -> next.apply(apply(headers, message, hop), message, hop);
    }

    /**
     * The transforms a hop needs by itself: Return-Path on a final delivery, nothing on a
     * relay. Callers with rewrite rules chain theirs in front of this.
     */
    static HeaderTransform forHop(NextHop hop) {
        return hop.finalDelivery() ? ReturnPathTransform.INSTANCE : IDENTITY;
    }
}
