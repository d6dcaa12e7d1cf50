/**
 * Typed delivery outcomes: RFC 3463 enhanced status codes and RFC 3464 actions.
 *
 * <p>Takes status text from SMTP replies, QSBMF paragraphs or callers; hands on immutable
 * values ({@link org.twgate.dsn.status.EnhancedStatus}, {@link org.twgate.dsn.status.Action})
 * that the report writer renders. Parsing a malformed code fails with
 * {@link java.lang.IllegalArgumentException} quoting the input; extracting a code from a
 * free-text reply never fails, it answers {@link java.util.Optional#empty()}.
 */
package org.twgate.dsn.status;
