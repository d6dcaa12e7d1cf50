/**
 * Header rewriting that keeps To/Cc consistent with a rewritten envelope.
 *
 * <p>Takes the raw header block of a message (bytes up to and including the empty line, as
 * {@link org.twgate.rewrite.header.HeaderBlockReader} reads it from a stream, leaving the
 * stream at the body) and an address-rewrite function, normally a rule set. Hands on a
 * {@link org.twgate.rewrite.header.HeaderRewrite}: the new block and the list of changes.
 * Only the bytes of the addr-specs that were rewritten change; display names, comments,
 * quoted strings, groups, RFC 2047 encoded words, folding, line endings and every other field
 * stay byte for byte. Addresses are only ever replaced, never added, so a Bcc recipient
 * cannot appear.
 *
 * <p>Fails soft: a field whose address list does not parse (an unclosed quote, comment or
 * angle bracket, bytes that are not UTF-8), or an address that is not valid, is left
 * untouched. The only exception is {@link org.twgate.rewrite.header.HeaderTooLargeException}
 * from the reader when the block exceeds its bound.
 */
package org.twgate.rewrite.header;
