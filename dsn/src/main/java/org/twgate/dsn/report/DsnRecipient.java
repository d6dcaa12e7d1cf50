package org.twgate.dsn.report;

import java.time.ZonedDateTime;
import java.util.Objects;
import java.util.Optional;
import org.twgate.dsn.param.OriginalRecipient;
import org.twgate.dsn.status.Action;
import org.twgate.dsn.status.EnhancedStatus;

/**
 * The per-recipient fields of a report (RFC 3464 §2.3), one recipient's outcome.
 *
 * @param finalRecipient    the address the outcome is about (after rewriting)
 * @param originalRecipient the ORCPT, given by the client or added by the gateway
 * @param action            what happened
 * @param status            the RFC 3463 status
 * @param remoteMta         the host that answered, e.g. {@code mx.example.com} or {@code [192.0.2.1]}
 * @param diagnosticCode    what it answered
 * @param lastAttempt       when the gateway last tried
 * @param willRetryUntil    for {@code delayed}: when the gateway gives up
 */
public record DsnRecipient(
        String finalRecipient,
        Optional<OriginalRecipient> originalRecipient,
        Action action,
        EnhancedStatus status,
        Optional<String> remoteMta,
        Optional<Diagnostic> diagnosticCode,
        Optional<ZonedDateTime> lastAttempt,
        Optional<ZonedDateTime> willRetryUntil) {

    public DsnRecipient {
        Objects.requireNonNull(finalRecipient, "finalRecipient");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(originalRecipient, "originalRecipient");
        Objects.requireNonNull(remoteMta, "remoteMta");
        Objects.requireNonNull(diagnosticCode, "diagnosticCode");
        Objects.requireNonNull(lastAttempt, "lastAttempt");
        Objects.requireNonNull(willRetryUntil, "willRetryUntil");
    }

    /** A recipient with only the fields RFC 3464 requires; add the rest with the withers. */
    public static DsnRecipient of(String finalRecipient, Action action, EnhancedStatus status) {
        return new DsnRecipient(finalRecipient, Optional.empty(), action, status, Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty());
    }

    public DsnRecipient withOriginalRecipient(OriginalRecipient orcpt) {
        return new DsnRecipient(finalRecipient, Optional.of(orcpt), action, status, remoteMta,
                diagnosticCode, lastAttempt, willRetryUntil);
    }

    public DsnRecipient withRemoteMta(String host) {
        return new DsnRecipient(finalRecipient, originalRecipient, action, status, Optional.of(host),
                diagnosticCode, lastAttempt, willRetryUntil);
    }

    public DsnRecipient withDiagnostic(Diagnostic diagnostic) {
        return new DsnRecipient(finalRecipient, originalRecipient, action, status, remoteMta,
                Optional.of(diagnostic), lastAttempt, willRetryUntil);
    }

    public DsnRecipient withLastAttempt(ZonedDateTime when) {
        return new DsnRecipient(finalRecipient, originalRecipient, action, status, remoteMta,
                diagnosticCode, Optional.of(when), willRetryUntil);
    }

    public DsnRecipient withWillRetryUntil(ZonedDateTime when) {
        return new DsnRecipient(finalRecipient, originalRecipient, action, status, remoteMta,
                diagnosticCode, lastAttempt, Optional.of(when));
    }
}
