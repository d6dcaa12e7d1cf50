package org.twgate.gateway.accept;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Collection;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.apache.james.protocols.api.ClientAuth;
import org.apache.james.protocols.netty.Encryption;
import org.twgate.config.TlsServerConfig;

/** Builds the server's STARTTLS context from a PKCS#12 key store or PEM files. */
public final class ServerTls {
    private ServerTls() {
    }

    /** Fails with a message naming the file and what is wrong with it. */
    public static Encryption startTls(TlsServerConfig config) throws IOException {
        try {
            KeyStore keys = config.keyStore().isPresent() ? pkcs12(config) : pem(config);
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keys, config.keyStorePassword().toCharArray());
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf.getKeyManagers(), null, null);
            String[] protocols = config.protocols().isEmpty() ? null : config.protocols().toArray(String[]::new);
            String[] ciphers = config.ciphers().isEmpty() ? null : config.ciphers().toArray(String[]::new);
            return Encryption.createStartTls(context, ciphers, protocols, ClientAuth.NONE);
        } catch (GeneralSecurityException e) {
            throw new IOException("server.tls: " + e.getMessage(), e);
        }
    }

    private static KeyStore pkcs12(TlsServerConfig config) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(config.keyStore().orElseThrow())) {
            store.load(in, config.keyStorePassword().toCharArray());
        } catch (IOException e) {
            throw new IOException("server.tls.key_store " + config.keyStore().get() + ": " + e.getMessage(), e);
        }
        return store;
    }

    private static KeyStore pem(TlsServerConfig config) throws IOException, GeneralSecurityException {
        Collection<? extends Certificate> chain;
        try (InputStream in = Files.newInputStream(config.certificateChain().orElseThrow())) {
            chain = CertificateFactory.getInstance("X.509").generateCertificates(in);
        }
        if (chain.isEmpty()) {
            throw new IOException("server.tls.certificate " + config.certificateChain().get() + ": no certificate found");
        }
        PrivateKey key = privateKey(config);
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("twgate", key, config.keyStorePassword().toCharArray(), chain.toArray(Certificate[]::new));
        return store;
    }

    private static PrivateKey privateKey(TlsServerConfig config) throws IOException, GeneralSecurityException {
        String text = Files.readString(config.privateKey().orElseThrow(), StandardCharsets.US_ASCII);
        int begin = text.indexOf("-----BEGIN PRIVATE KEY-----");
        int end = text.indexOf("-----END PRIVATE KEY-----");
        if (begin < 0 || end < begin) {
            throw new IOException("server.tls.private_key " + config.privateKey().get()
                    + ": expected a PEM PKCS#8 key (BEGIN PRIVATE KEY); convert with 'openssl pkcs8 -topk8 -nocrypt'");
        }
        byte[] der = Base64.getMimeDecoder().decode(text.substring(begin + 27, end));
        for (String algorithm : new String[] {"RSA", "EC", "Ed25519"}) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (InvalidKeySpecException e) {
                // try the next algorithm
            }
        }
        throw new IOException("server.tls.private_key " + config.privateKey().get() + ": not an RSA, EC or Ed25519 key");
    }
}
