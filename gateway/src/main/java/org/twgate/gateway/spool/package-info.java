/**
 * Spool: the durable store-and-forward queue on the local file system.
 *
 * <p>Takes an {@link org.twgate.gateway.spool.Envelope} and the message bytes from the SMTP
 * server and makes them durable before the server may answer {@code 250}: written in place
 * into a reserved file of {@code queue/} whose name is durable already, then sealed (length and
 * checksum) and fdatasynced, one sync per message ({@link org.twgate.gateway.spool.ReservedFiles});
 * with no reserve ready, written to {@code tmp/}, fsynced, renamed into {@code queue/} and the
 * directory fsynced (one directory fsync shared by every message committed meanwhile). Hands on
 * {@link org.twgate.gateway.spool.StoredMessage}s to the queue, at commit and at start-up
 * (recovery, which tells messages from reserves by their seal). Delivery state is an
 * append-only journal per message ({@code queue/ID.log}), so a restart resumes where it stopped
 * and never redelivers a finished recipient.
 *
 * <p>Failure: any I/O error while receiving or committing fails that one message (the client
 * gets a {@code 4xx}) and removes its file; nothing unsealed is ever taken for a message. The
 * on-disk layout is documented in README.md.
 */
package org.twgate.gateway.spool;
