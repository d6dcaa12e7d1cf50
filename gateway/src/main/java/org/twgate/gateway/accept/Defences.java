package org.twgate.gateway.accept;

import java.time.Duration;
import java.util.Objects;

/**
 * What the server holds hostile or broken clients to, beyond the size limits: deadlines, per-client
 * rates, the PTR lookup's timeout, and the two rules that relay clients may be spared (bare line
 * endings, commands pipelined after the end of data).
 *
 * @param reverseDnsTimeout how long a new session's banner may wait for the client's PTR name;
 *                          {@link Duration#ZERO}: no lookup
 * @param relayClientsRejectBareLineEndings refuse (rather than normalise) bare CR/LF from relay clients
 * @param forbidUnauthPipelining refuse a message when a client that is not a relay client sent
 *                          more after its end of data without waiting for the reply
 */
public record Defences(Deadlines deadlines, RateLimits rates, Duration reverseDnsTimeout,
                       boolean relayClientsRejectBareLineEndings, boolean forbidUnauthPipelining) {
    public Defences {
        Objects.requireNonNull(deadlines, "deadlines");
        Objects.requireNonNull(rates, "rates");
        Objects.requireNonNull(reverseDnsTimeout, "reverseDnsTimeout");
    }

    /** No deadlines, no rate limits, no lookup; relay clients treated like the others. */
    public static Defences none(boolean rejectBareLineEndings) {
        return new Defences(Deadlines.NONE, RateLimits.NONE, Duration.ZERO, rejectBareLineEndings, false);
    }

    boolean reverseDns() {
        return !reverseDnsTimeout.isZero();
    }

    public Defences withDeadlines(Deadlines next) {
        return new Defences(next, rates, reverseDnsTimeout, relayClientsRejectBareLineEndings, forbidUnauthPipelining);
    }

    public Defences withRates(RateLimits next) {
        return new Defences(deadlines, next, reverseDnsTimeout, relayClientsRejectBareLineEndings, forbidUnauthPipelining);
    }

    public Defences withReverseDns(Duration timeout) {
        return new Defences(deadlines, rates, timeout, relayClientsRejectBareLineEndings, forbidUnauthPipelining);
    }

    /** Refuse (true) or normalise (false) bare CR/LF from relay clients. */
    public Defences withRelayClientsRejectingBareLineEndings(boolean reject) {
        return new Defences(deadlines, rates, reverseDnsTimeout, reject, forbidUnauthPipelining);
    }

    /** Refuse a message from a client that is not a relay client when it pipelined past its end of data. */
    public Defences withUnauthPipeliningForbidden(boolean forbidden) {
        return new Defences(deadlines, rates, reverseDnsTimeout, relayClientsRejectBareLineEndings, forbidden);
    }
}
