/**
 * Mailbox addresses as the envelope and the headers carry them.
 *
 * <p>Takes text (an RFC 5321 addr-spec such as {@code "john doe"@company.com}, or a path in
 * angle brackets such as {@code <>} or {@code <john@company.com>}) and hands on immutable
 * {@link org.twgate.rewrite.address.EmailAddress} values: the local part kept exactly as
 * written (its case and, for quoted local parts, its content), the domain compared without
 * regard to case. UTF-8 local parts and domains (RFC 6531, SMTPUTF8) are accepted and kept.
 *
 * <p>Fails with {@link org.twgate.rewrite.address.AddressSyntaxException}, an unchecked
 * exception that quotes the bad input (control characters escaped, so the message is safe to
 * put in an SMTP reply or a log line) and names the offset where parsing stopped; a caller
 * answering SMTP maps it to {@code 501 5.1.3}.
 */
package org.twgate.rewrite.address;
