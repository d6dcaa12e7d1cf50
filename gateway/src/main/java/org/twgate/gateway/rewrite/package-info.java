/**
 * The rewrite step between route and deliver: a route's rule sets applied to one delivery
 * attempt.
 *
 * <p>Takes a route (its {@code rewrite}, {@code rewrite_sender} and {@code header_mode}), the
 * compiled rule sets of the configuration, and the envelope as spooled (addresses as
 * received). Hands on an {@link org.twgate.gateway.rewrite.EnvelopeRewrite}: the sender and
 * each recipient as the next hop must see them, each with the recipient as received (which the
 * courier passes on as {@code ORCPT} when the client gave none), and a {@link org.twgate.gateway.deliver.HeaderTransform} that
 * rewrites the same addresses in To/Cc/Resent-To/Resent-Cc (and From/Sender/Reply-To for a
 * sender set, when configured). The body is never seen here.
 *
 * <p>Fails per recipient, never per message: a rule whose result cannot be carried makes its
 * recipient fail permanently with a {@code 553 5.1.3} diagnostic naming the rule and its
 * file:line. Addresses the rewrite grammar cannot parse pass through unchanged. The spool,
 * the journal and failure notices keep referring to recipients as received.
 */
package org.twgate.gateway.rewrite;
