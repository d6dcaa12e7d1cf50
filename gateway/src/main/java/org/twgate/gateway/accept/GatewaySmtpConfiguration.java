package org.twgate.gateway.accept;

import java.util.Optional;
import org.apache.james.protocols.api.OidcSASLConfiguration;
import org.apache.james.protocols.smtp.SMTPConfiguration;

/** What James's own handlers ask of the configuration; twgate enforces size and relaying itself. */
final class GatewaySmtpConfiguration implements SMTPConfiguration {
    private final String hostname;

    GatewaySmtpConfiguration(String hostname) {
        this.hostname = hostname;
    }

    @Override
    public String getHelloName() {
        return hostname;
    }

    @Override
    public String getGreeting() {
        return hostname + " ESMTP twgate";
    }

    @Override
    public String getSoftwareName() {
        return "twgate";
    }

    @Override
    public long getMaxMessageSize() {
        return 0; // the SmtpFramer enforces the limit with a proper 552 5.3.4
    }

    @Override
    public boolean isRelayingAllowed(String remoteIP) {
        return false; // decided per recipient by RcptCommandHandler
    }

    @Override
    public boolean isAuthAnnounced(String remoteIP, boolean tlsStarted) {
        return false;
    }

    @Override
    public boolean useHeloEhloEnforcement() {
        return false; // qmail-smtpd does not require HELO either
    }

    @Override
    public boolean useAddressBracketsEnforcement() {
        return true;
    }

    @Override
    public boolean isPlainAuthEnabled() {
        return false;
    }

    @Override
    public Optional<OidcSASLConfiguration> saslConfiguration() {
        return Optional.empty();
    }
}
