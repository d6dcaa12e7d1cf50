/**
 * RFC 3461 DSN parameters and the raw MAIL/RCPT argument they arrive in.
 *
 * <p>Takes the text after {@code MAIL FROM:} or {@code RCPT TO:} exactly as the client sent
 * it ({@link org.twgate.dsn.param.SmtpArgumentParser}); hands on the path and an ordered map of
 * ESMTP parameters ({@link org.twgate.dsn.param.SmtpArgument}), and from those the typed DSN
 * values ({@link org.twgate.dsn.param.DsnMailParameters}: RET, ENVID;
 * {@link org.twgate.dsn.param.DsnRcptParameters}: NOTIFY, ORCPT) whose wire form can be passed
 * on unchanged to a DSN-aware next hop.
 *
 * <p>Fails with {@link org.twgate.dsn.param.SmtpArgumentException}, which carries the reply
 * code, the enhanced status code and a text quoting the bad input, ready for a reply such as
 * {@code 501 5.5.4 Duplicate NOTIFY parameter}. Nothing here touches the network or disk.
 */
package org.twgate.dsn.param;
