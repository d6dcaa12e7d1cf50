package org.twgate.gateway.deliver;

import java.io.IOException;
import java.io.InputStream;
import org.twgate.rewrite.header.HeaderTooLargeException;
import java.util.ArrayList;
import java.util.List;
import org.twgate.gateway.outcome.DeliveryPolicy;
import org.twgate.gateway.outcome.DeliveryStatus;

/**
 * One mail transaction on an open session: MAIL, RCPT per recipient, DATA, content, ".".
 * With PIPELINING (RFC 2920) MAIL, every RCPT and DATA leave in one write and the replies
 * are read back in order; without it, lock-step, stopping early when MAIL or every RCPT is
 * refused. Each recipient's outcome comes from its RCPT reply and the reply after ".".
 *
 * <p>A body that needs 8BITMIME goes to a server that does not offer it unchanged, without
 * BODY=, as Postfix and qmail do: converting to 7 bit would touch the body, which twgate
 * promises never to do, and the connector accepts 8-bit mail.
 */
final class MailTransaction {

    /**
     * @param result       one outcome per recipient
     * @param staleSession the session died before answering MAIL (or answered 421 to it):
     *                     on a reused connection, worth one more try on a fresh one
     */
    record Attempt(DeliveryResult result, boolean staleSession) {
    }

    private final SmtpConnection connection;
    private final SmtpClientConfig config;
    private final NextHop hop;
    private final OutboundMessage message;
    private final HeaderTransform transform;
    private final List<OutboundRecipient> recipients;
    private final RecipientResult[] results;
    private int repliesRead;
    /** The stored header section once read, handed on in the result. */
    private HeaderSection stored;

    MailTransaction(SmtpConnection connection, SmtpClientConfig config, NextHop hop, OutboundMessage message,
                    HeaderTransform transform) {
        this.connection = connection;
        this.config = config;
        this.hop = hop;
        this.message = message;
        this.transform = transform;
        this.recipients = message.recipients();
        this.results = new RecipientResult[recipients.size()];
    }

    Attempt run() {
        EhloCapabilities offered = connection.capabilities();
        if (message.smtpUtf8() && !offered.smtpUtf8()) {
            return local(DeliveryPolicy.forMissingSmtpUtf8(connection.remoteMta(),
                    "5.6.7 the message needs SMTPUTF8 and " + connection.remoteMta() + " does not offer it"));
        }
        if (offered.sizeLimit() > 0 && message.size() > offered.sizeLimit()) {
            return local(DeliveryPolicy.forOverSize(connection.remoteMta(), "5.3.4 message of " + message.size()
                    + " octets exceeds the SIZE " + offered.sizeLimit() + " of " + connection.remoteMta()));
        }
        try (SpoolReading content = new SpoolReading(message.content().open())) {
            try {
                stored = HeaderSection.read(content, config.maxHeaderBytes());
            } catch (HeaderTooLargeException e) {
                return local(DeliveryPolicy.forUnreadableHeaders(connection.remoteMta(),
                        "5.6.0 stored message: " + e.getMessage()));
            }
            byte[] head = transform.apply(stored, message, hop).toBytes();
            long size = message.size() + head.length - stored.toBytes().length;
            return dialogue(content, head, size);
        } catch (IOException e) {
            // Only the local store can fail here: dialogue() handles its own faults.
            return local(DeliveryPolicy.forSpoolReadError(connection.remoteMta(),
                    "4.3.0 cannot read stored message " + message.queueId() + ": " + e));
        }
    }

    private Attempt dialogue(SpoolReading content, byte[] head, long size) {
        EhloCapabilities offered = connection.capabilities();
        boolean pipelined = offered.pipelining();
        SmtpStage stage = SmtpStage.MAIL;
        try {
            connection.send(mailCommand(offered, size));
            if (pipelined) {
                for (OutboundRecipient r : recipients) {
                    connection.send(rcptCommand(offered, r));
                }
                connection.send("DATA");
            }
            connection.flush();
            SmtpReply mail = read(stage);
            boolean mailAccepted = mail.positive();
            if (mailAccepted) {
                connection.markDirty(true);
            } else {
                settleOpen(stage, mail, said(stage, mail));
                if (DeliveryPolicy.closesSession(mail) || !pipelined) {
                    return finish(DeliveryPolicy.closesSession(mail));
                }
            }
            stage = SmtpStage.RCPT;
            List<Integer> accepted = new ArrayList<>(recipients.size());
            for (int i = 0; i < recipients.size(); i++) {
                if (!pipelined) {
                    connection.send(rcptCommand(offered, recipients.get(i)));
                    connection.flush();
                }
                SmtpReply rcpt = read(stage);
                if (DeliveryPolicy.closesSession(rcpt)) {
                    settleOpen(stage, rcpt, said(stage, rcpt));
                    return finish(false);
                }
                if (!mailAccepted) {
                    continue; // draining the pipeline after a refused MAIL
                }
                if (rcpt.positive()) {
                    accepted.add(i);
                } else {
                    settle(i, DeliveryPolicy.forReply(stage, rcpt, connection.remoteMta(),
                            said("RCPT TO:<" + recipients.get(i).address() + ">", rcpt)), rcpt);
                }
            }
            if (!pipelined && accepted.isEmpty()) {
                return finish(false); // nothing to send; the pool says RSET before reuse
            }
            stage = SmtpStage.DATA;
            if (!pipelined) {
                connection.send("DATA");
                connection.flush();
            }
            SmtpReply data = read(stage);
            if (!data.intermediate()) {
                settleOpen(stage, data, said(stage, data));
                return finish(false);
            }
            if (!mailAccepted || accepted.isEmpty()) {
                // RFC 2920 §3.1: a 354 though no recipient was accepted; end the (empty)
                // data with "." and ignore the reply; the pool says RSET before reuse.
                connection.send(".");
                connection.flush();
                read(SmtpStage.END_OF_DATA);
                return finish(false);
            }
            DotStuffingOutputStream dotted = connection.dataStream();
            dotted.write(head);
            dotted.writeAll(content);
            dotted.finish();
            stage = SmtpStage.END_OF_DATA;
            SmtpReply end = connection.read(stage, config.dataTimeout());
            repliesRead++;
            connection.markDirty(false); // a reply to "." ends the transaction either way
            if (content.fault() != null) {
                // The hop got a truncated message and may have said 250 to it: never "delivered".
                settleOpen(DeliveryPolicy.forSpoolReadError(connection.remoteMta(), "4.3.0 cannot read stored message "
                        + message.queueId() + " while sending it: " + content.fault()), end);
                return finish(false);
            }
            settleOpen(stage, end, said(stage, end));
            return finish(false);
        } catch (IOException e) {
            connection.markBroken();
            if (content.fault() != null) {
                settleOpen(DeliveryPolicy.forSpoolReadError(connection.remoteMta(), "4.3.0 cannot read stored message "
                        + message.queueId() + " while sending it: " + content.fault()), null);
                return finish(false);
            }
            settleOpen(DeliveryPolicy.forFault(stage, e, connection.remoteMta(),
                    "connection to " + connection.remoteMta() + " failed at " + stage.label() + ": " + e), null);
            return finish(repliesRead == 0);
        }
    }

    private SmtpReply read(SmtpStage stage) throws IOException {
        SmtpReply reply = connection.read(stage, config.commandTimeout());
        repliesRead++;
        return reply;
    }

    private String mailCommand(EhloCapabilities offered, long size) {
        StringBuilder mail = new StringBuilder("MAIL FROM:<").append(message.sender()).append('>');
        if (offered.size()) {
            mail.append(" SIZE=").append(size);
        }
        if (message.eightBitMime() && offered.eightBitMime()) {
            mail.append(" BODY=8BITMIME");
        }
        if (message.smtpUtf8()) {
            mail.append(" SMTPUTF8"); // run() has checked that it is offered
        }
        // DSN parameters only to a server that announced DSN: any other would refuse MAIL.
        if (offered.dsn() && message.ret() != null) {
            mail.append(" RET=").append(message.ret());
        }
        if (offered.dsn() && message.envid() != null) {
            mail.append(" ENVID=").append(message.envid());
        }
        return mail.toString();
    }

    private static String rcptCommand(EhloCapabilities offered, OutboundRecipient recipient) {
        StringBuilder rcpt = new StringBuilder("RCPT TO:<").append(recipient.address()).append('>');
        if (offered.dsn() && recipient.notifyWhen() != null) {
            rcpt.append(" NOTIFY=").append(recipient.notifyWhen());
        }
        if (offered.dsn() && recipient.orcpt() != null) {
            rcpt.append(" ORCPT=").append(recipient.orcpt());
        }
        return rcpt.toString();
    }

    private String said(SmtpStage stage, SmtpReply reply) {
        return said(stage.label(), reply);
    }

    private String said(String command, SmtpReply reply) {
        return connection.remoteMta() + " said in reply to " + command + ": " + reply.oneLine();
    }

    private void settle(int index, DeliveryStatus status, SmtpReply reply) {
        results[index] = new RecipientResult(recipients.get(index), status, reply);
    }

    /** Decides every recipient not decided yet by {@code reply} at {@code stage}. */
    private void settleOpen(SmtpStage stage, SmtpReply reply, String diagnostic) {
        settleOpen(DeliveryPolicy.forReply(stage, reply, connection.remoteMta(), diagnostic), reply);
    }

    private void settleOpen(DeliveryStatus status, SmtpReply reply) {
        for (int i = 0; i < results.length; i++) {
            if (results[i] == null) {
                settle(i, status, reply);
            }
        }
    }

    private Attempt local(DeliveryStatus status) {
        return new Attempt(DeliveryResult.all(message, status, null, connection.capabilities().dsn()), false);
    }

    private Attempt finish(boolean staleSession) {
        connection.transactionEnded();
        return new Attempt(new DeliveryResult(message.queueId(), List.of(results), connection.capabilities().dsn(),
                stored), staleSession);
    }
}
