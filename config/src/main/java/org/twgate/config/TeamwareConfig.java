package org.twgate.config;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import org.twgate.config.teamware.ConnectorAcceptance;
import org.twgate.config.teamware.OwnNodes;
import org.twgate.config.teamware.ToIni;

/**
 * What twgate mirrors of the Teamware server's own configuration.
 *
 * @param toIniFile       the {@code to.ini} read, if any
 * @param toIni           its {@code [MIME]} options, if a file was given
 * @param tombsmtpIniFile the {@code tombsmtp.ini} read, if any
 * @param ownNodes        its {@code own_node} lines; none when no file was given
 */
public record TeamwareConfig(Optional<Path> toIniFile, Optional<ToIni> toIni, Optional<Path> tombsmtpIniFile,
                             OwnNodes ownNodes, Optional<ConnectorAcceptance> yamlAcceptance) {

    public TeamwareConfig {
        Objects.requireNonNull(toIniFile, "toIniFile");
        Objects.requireNonNull(toIni, "toIni");
        Objects.requireNonNull(tombsmtpIniFile, "tombsmtpIniFile");
        Objects.requireNonNull(ownNodes, "ownNodes");
        Objects.requireNonNull(yamlAcceptance, "yamlAcceptance");
    }

    /** Whether twgate should mirror the connector's acceptance rules at RCPT time. */
    public boolean mirrorsConnector() {
        return yamlAcceptance.isPresent() || toIni.isPresent();
    }

    /** What the connector accepts: the YAML keys, else {@code to.ini}, else everything. */
    public ConnectorAcceptance connectorAcceptance() {
        return yamlAcceptance.orElseGet(() -> toIni.map(ToIni::acceptance).orElse(ConnectorAcceptance.acceptAll()));
    }
}
