package org.twgate.dsn.param;

import java.util.Optional;

/**
 * The DSN parameters of a MAIL command (RFC 3461 §4.3, §4.4).
 *
 * @param ret   what a failure report returns, absent when the client did not say
 * @param envid the sender's envelope id
 */
public record DsnMailParameters(Optional<Ret> ret, Optional<EnvelopeId> envid) {

    public static final DsnMailParameters NONE = new DsnMailParameters(Optional.empty(), Optional.empty());

    /** Reads and validates RET and ENVID; other parameters are left to the caller. */
    public static DsnMailParameters from(SmtpArgument mail) throws SmtpArgumentException {
        Optional<String> ret = mail.parameter("RET");
        Optional<String> envid = mail.parameter("ENVID");
        return new DsnMailParameters(
                ret.isPresent() ? Optional.of(Ret.parse(ret.get())) : Optional.empty(),
                envid.isPresent() ? Optional.of(EnvelopeId.parse(envid.get())) : Optional.empty());
    }

    /** The parameters for a DSN-aware next hop, each preceded by a space; "" when none. */
    public String toCommandText() {
        StringBuilder sb = new StringBuilder();
        ret.ifPresent(r -> sb.append(" RET=").append(r.name()));
        envid.ifPresent(e -> sb.append(" ENVID=").append(e.parameterValue()));
        return sb.toString();
    }
}
