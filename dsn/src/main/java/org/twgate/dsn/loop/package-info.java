/**
 * No DSN loops: decides whether a message is itself a report or bounce, so that no report
 * is ever generated about one (RFC 3461 §6.2, RFC 3834 §2).
 *
 * <p>Takes a message's header block ({@link org.twgate.dsn.loop.HeaderBlock}, read from the
 * start of a stream up to the blank line, bounded) and its envelope sender; hands on a
 * {@link org.twgate.dsn.loop.ReportVerdict} naming the first reason found, or that there is
 * none. Fails only with {@link java.io.IOException} from the stream; a header block over the
 * bound is read up to the bound.
 */
package org.twgate.dsn.loop;
