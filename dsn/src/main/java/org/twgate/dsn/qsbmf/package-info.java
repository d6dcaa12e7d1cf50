/**
 * qmail bounces (QSBMF, cr.yp.to/proto/qsbmf.txt) read and turned into RFC 3464 reports.
 *
 * <p>Takes a whole bounce message as a stream ({@link org.twgate.dsn.qsbmf.QsbmfParser});
 * hands on a {@link org.twgate.dsn.qsbmf.QmailBounce}: reporting host, one
 * {@link org.twgate.dsn.qsbmf.QmailBounceRecipient} per {@code <address>:} paragraph (code,
 * remote reply, remote host), and where in the bounce the original message starts.
 * {@link org.twgate.dsn.qsbmf.QsbmfConverter} makes a {@code DsnReport} of it, with ENVID and
 * ORCPT the caller recovered from its own records.
 *
 * <p>A message that is not QSBMF, or one whose bounce text exceeds the parser's bounds, is
 * answered with {@link java.util.Optional#empty()}: the caller passes it on unchanged, so
 * nothing is lost. Only stream faults raise {@link java.io.IOException}.
 */
package org.twgate.dsn.qsbmf;
