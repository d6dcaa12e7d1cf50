/**
 * Policy: who may connect, and who may send to which recipients (qmail's tcp.smtp rules,
 * {@code RELAYCLIENT} and {@code rcpthosts}).
 *
 * <p>Takes the client address and each recipient domain from the SMTP server; hands back a
 * decision whose refusal text says which rule refused and why. Fails closed: a client that is
 * not a relay client may only send to accepted domains, so twgate is never an open relay.
 */
package org.twgate.gateway.policy;
