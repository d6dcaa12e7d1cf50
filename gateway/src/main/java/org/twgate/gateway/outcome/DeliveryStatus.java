package org.twgate.gateway.outcome;

import java.util.Objects;
import org.twgate.dsn.status.EnhancedStatus;
import org.twgate.dsn.status.SmtpReplyStatus;

/**
 * What one attempt made of one recipient, in the one vocabulary deliver, queue, journal,
 * notify, logs and metrics share. Built by {@link DeliveryPolicy}, which decides every field
 * but the texts.
 *
 * @param result      delivered, deferred or failed
 * @param status      the RFC 3463 status: the next hop's own when it gave one, else the one
 *                    {@link DeliveryPolicy} gives the local cause (5.1.3 for a rewrite refusal)
 * @param reason      the cause, from a closed set
 * @param remoteReply the next hop's reply exactly as it said it, one line; null when no reply
 *                    decided it (a report then says {@code Diagnostic-Code: X-twgate; …})
 * @param remoteMta   the host that answered ("name [ip]:port", or "pipe:program"), or null
 * @param diagnostic  one line for logs, the journal and reports: the command and the reply or fault
 */
public record DeliveryStatus(Result result, EnhancedStatus status, Reason reason, String remoteReply,
        String remoteMta, String diagnostic) {

    public enum Result {
        /** The next hop took responsibility (2xx after the end of data, exit 0 of a program). */
        DELIVERED,
        /** Not delivered this time; retried later. */
        DEFERRED,
        /** Not delivered and never will be; a failure notice is due. */
        FAILED;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public DeliveryStatus {
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(diagnostic, "diagnostic");
        int expected = switch (result) {
            case DELIVERED -> 2;
            case DEFERRED -> 4;
            case FAILED -> 5;
        };
        if (status.statusClass() != expected) {
            status = status.withClass(expected); // the result decides the class; the detail is kept
        }
    }

    public boolean delivered() {
        return result == Result.DELIVERED;
    }

    public boolean deferred() {
        return result == Result.DEFERRED;
    }

    public boolean failed() {
        return result == Result.FAILED;
    }

    /** The same cause with another diagnostic (a longer one, for an expiry). */
    public DeliveryStatus withDiagnostic(String text) {
        return new DeliveryStatus(result, status, reason, remoteReply, remoteMta, text);
    }

    /**
     * A status read back from older records or callers that only have texts: the status comes
     * from the reply when there is one, else {@code fallback}.
     */
    public static DeliveryStatus fromTexts(Result result, String diagnostic, String remoteMta, String remoteReply,
            EnhancedStatus fallback, Reason reason) {
        EnhancedStatus status = remoteReply == null ? fallback
                : SmtpReplyStatus.statusOf(remoteReply).orElse(fallback);
        return new DeliveryStatus(result, status, reason, remoteReply, remoteMta,
                diagnostic == null ? "" : diagnostic);
    }
}
