/**
 * Notify: messages twgate writes to senders about their mail (failure notices; later RFC 3464
 * delivery status notifications), submitted locally into the spool like any other message.
 *
 * <p>Takes the failed message and its failed recipients from the queue; hands a new
 * null-sender message to the spool and the queue. Fails with an IOException when the notice
 * cannot be stored; the queue logs it and carries on.
 */
package org.twgate.gateway.notify;
