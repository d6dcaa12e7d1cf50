package org.twgate.gateway.policy;

import java.net.InetAddress;
import java.util.function.Supplier;

/**
 * The policy in force, replaceable at run time by a configuration reload (which swaps what
 * {@code current} supplies). Each decision reads the current policy once: a client is judged
 * at connect by the policy of that moment, and each RCPT by the policy of its own moment; no
 * session is dropped by a swap. Every method of {@link RelayPolicy}, default ones included,
 * must be forwarded here.
 */
public final class SwappableRelayPolicy implements RelayPolicy {
    private final Supplier<? extends RelayPolicy> current;

    public SwappableRelayPolicy(Supplier<? extends RelayPolicy> current) {
        this.current = current;
    }

    @Override
    public ClientVerdict client(InetAddress address) {
        return current.get().client(address);
    }

    @Override
    public boolean acceptsDomain(String domain) {
        return current.get().acceptsDomain(domain);
    }

    @Override
    public java.util.Optional<String> connectorRefusal(String recipient) {
        return current.get().connectorRefusal(recipient);
    }

    @Override
    public String postmaster() {
        return current.get().postmaster();
    }

    @Override
    public java.util.Optional<String> routeRefusal(String recipient) {
        return current.get().routeRefusal(recipient);
    }
}
