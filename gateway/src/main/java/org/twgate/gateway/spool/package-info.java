/**
 * Spool: the durable store-and-forward queue on the local file system.
 *
 * <p>Takes an {@link org.twgate.gateway.spool.Envelope} and the message bytes from the SMTP
 * server, writes them to {@code tmp/}, fsyncs the file, renames it into {@code queue/} and
 * fsyncs the directory (one directory fsync shared by every message committed meanwhile) before
 * the server may answer {@code 250}. Hands on {@link org.twgate.gateway.spool.StoredMessage}s
 * to the queue, at commit and at start-up (recovery). Delivery state is an append-only journal
 * per message ({@code queue/ID.log}), so a restart resumes where it stopped and never redelivers
 * a finished recipient.
 *
 * <p>Failure: any I/O error while receiving or committing fails that one message (the client
 * gets a {@code 4xx}) and removes its temporary file; nothing half-written ever reaches
 * {@code queue/}. Files of finished small messages are written over by new ones
 * ({@link org.twgate.gateway.spool.RecycledFiles}). The on-disk layout is documented in README.md.
 */
package org.twgate.gateway.spool;
