package org.twgate.gateway.rewrite;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One log line per address a delivery attempt rewrote or refused, with the queue id: the
 * journal and the delivery lines name recipients as received and as sent, this line joins them.
 */
public final class RewriteLog {
    private static final Logger LOG = LoggerFactory.getLogger(RewriteLog.class);

    private RewriteLog() {
    }

    public static void log(String queueId, String route, String originalSender, EnvelopeRewrite rewrite) {
        if (!rewrite.sender().equals(originalSender)) {
            LOG.info("queue_id={} event=rewritten sender=<{}> to=<{}> route={}", queueId, originalSender, rewrite.sender(),
                    route);
        }
        for (RecipientRewrite r : rewrite.recipients()) {
            if (r instanceof RecipientRewrite.Deliverable d && d.changed()) {
                LOG.info("queue_id={} event=rewritten rcpt=<{}> to=<{}> rule=\"{}\" route={}", queueId, d.received().address(),
                        d.outbound().address(), d.rule(), route);
            } else if (r instanceof RecipientRewrite.Refused f) {
                LOG.error("queue_id={} event=failed rcpt=<{}> route={} reply=\"{}\"", queueId, f.received().address(), route,
                        f.diagnostic());
            }
        }
    }
}
