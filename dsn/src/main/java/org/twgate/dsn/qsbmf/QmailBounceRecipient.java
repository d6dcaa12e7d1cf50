package org.twgate.dsn.qsbmf;

import java.util.Optional;
import org.twgate.dsn.status.EnhancedStatus;

/**
 * One {@code <address>:} paragraph of a qmail bounce.
 *
 * @param address         the address between the angle brackets
 * @param text            the explanation as qmail wrote it, lines joined with LF
 * @param code            the {@code (#5.x.y)} code qmail appended, if any
 * @param remoteReply     what followed {@code Remote host said: }, if any
 * @param remoteHost      the host qmail-remote talked to, if the text names it
 * @param lifetimeExpired qmail gave up because the message was in the queue too long
 */
public record QmailBounceRecipient(String address, String text, Optional<EnhancedStatus> code,
        Optional<String> remoteReply, Optional<String> remoteHost, boolean lifetimeExpired) {
}
