package org.twgate.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The SMTP server's STARTTLS key material: a PKCS#12 key store, or a PEM certificate chain and
 * a PEM (PKCS#8) private key; the protocols and cipher suites to enable (empty: the JDK's).
 */
public record TlsServerConfig(Optional<Path> keyStore, String keyStorePassword, Optional<Path> certificateChain,
        Optional<Path> privateKey, List<String> protocols, List<String> ciphers) {

    public TlsServerConfig {
        protocols = List.copyOf(protocols);
        ciphers = List.copyOf(ciphers);
        keyStorePassword = keyStorePassword == null ? "" : keyStorePassword;
    }
}
