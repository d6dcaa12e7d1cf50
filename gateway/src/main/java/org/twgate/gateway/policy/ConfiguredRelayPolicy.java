package org.twgate.gateway.policy;

import java.net.InetAddress;
import org.twgate.config.policy.ClientDecision;
import org.twgate.config.policy.PolicyConfig;

/** The relay policy of the configuration: tcp.smtp-style client rules and qmail rcpthosts. */
public final class ConfiguredRelayPolicy implements RelayPolicy {
    private final PolicyConfig policy;
    private final ConnectorRules connector;
    private final RouteRefusals refusals;

    public ConfiguredRelayPolicy(PolicyConfig policy, ConnectorRules connector) {
        this(policy, connector, null);
    }

    public ConfiguredRelayPolicy(PolicyConfig policy, ConnectorRules connector, RouteRefusals refusals) {
        this.policy = policy;
        this.connector = connector;
        this.refusals = refusals;
    }

    @Override
    public java.util.Optional<String> routeRefusal(String recipient) {
        return refusals == null ? java.util.Optional.empty() : refusals.refusal(recipient);
    }

    @Override
    public java.util.Optional<String> connectorRefusal(String recipient) {
        return connector.refusal(recipient);
    }

    @Override
    public ClientVerdict client(InetAddress address) {
        ClientDecision decision = policy.clientAccess().decide(address);
        return new ClientVerdict(decision.allowed(), decision.relayClient(), decision.reason());
    }

    @Override
    public boolean acceptsDomain(String domain) {
        return policy.acceptedDomains().accepts(domain);
    }

    @Override
    public String postmaster() {
        return policy.postmaster();
    }
}
