package org.twgate.gateway.notify;

import java.util.Optional;
import org.twgate.dsn.param.EnvelopeId;
import org.twgate.dsn.param.Notify;
import org.twgate.dsn.param.OriginalRecipient;
import org.twgate.dsn.param.SmtpArgumentException;
import org.twgate.gateway.spool.Envelope;
import org.twgate.gateway.spool.EnvelopeRecipient;

/**
 * The RFC 3461 values of a spooled envelope, read back into the dsn module's types. The spool
 * holds them as received and validated at accept time, so a parse failure here means a spool
 * written by something else: it is treated as "not given", never as a reason to lose mail.
 */
public final class DsnDuties {
    private DsnDuties() {
    }

    /** NOTIFY as given, or RFC 3461's default (FAILURE,DELAY) when it was not. */
    public static Notify notify(EnvelopeRecipient r) {
        if (r.dsnNotify() == null) {
            return Notify.DEFAULT;
        }
        try {
            return Notify.parse(r.dsnNotify());
        } catch (SmtpArgumentException e) {
            return Notify.DEFAULT;
        }
    }

    /** The client's ORCPT, if it gave one. */
    public static Optional<OriginalRecipient> orcpt(EnvelopeRecipient r) {
        if (r.orcpt() == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(OriginalRecipient.parse(r.orcpt()));
        } catch (SmtpArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * The ORCPT to give a DSN-aware next hop: the client's, or (RFC 3461 §5.2.1) the address as
     * received, before any rewriting. The deliver stage sends it only when the hop offers DSN.
     */
    public static String orcptToPassOn(EnvelopeRecipient r) {
        return r.orcpt() != null ? r.orcpt() : OriginalRecipient.of(r.address()).parameterValue();
    }

    /** ORCPT for a report: the client's, else the address as received. */
    public static OriginalRecipient reportedOrcpt(EnvelopeRecipient r) {
        return orcpt(r).orElseGet(() -> OriginalRecipient.of(r.address()));
    }

    /** The decoded ENVID for a report's Original-Envelope-Id. */
    public static Optional<String> envelopeId(Envelope envelope) {
        if (envelope.envid() == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(EnvelopeId.parse(envelope.envid()).value());
        } catch (SmtpArgumentException e) {
            return Optional.empty();
        }
    }
}
