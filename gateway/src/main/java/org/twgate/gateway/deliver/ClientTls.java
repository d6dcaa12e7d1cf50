package org.twgate.gateway.deliver;

import java.io.IOException;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Turns a connected socket into a TLS one after {@code 220} to STARTTLS. Unverified modes accept
 * any certificate (opportunistic encryption, as MTAs do by default: it still defeats passive
 * listeners); {@code tls_verify} ({@link NextHop.Tls#verifyCertificate}) checks the chain against the JVM's trust store
 * ({@code javax.net.ssl.trustStore}) and the host name.
 */
final class ClientTls {
    private static final SSLContext UNVERIFIED = context(new TrustManager[] {new X509TrustManager() {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }});

    private ClientTls() {
    }

    private static SSLContext context(TrustManager[] trust) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no TLS in this JVM", e);
        }
    }

    static SSLSocket upgrade(Socket plain, NextHop hop) throws IOException {
        boolean verify = hop.tls().verifyCertificate();
        SSLContext context;
        try {
            context = verify ? SSLContext.getDefault() : UNVERIFIED;
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot load the JVM trust store: " + e.getMessage(), e);
        }
        SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(plain, hop.host(), plain.getPort(), true);
        tls.setUseClientMode(true);
        SSLParameters parameters = tls.getSSLParameters();
        if (!hop.literalIp()) {
            parameters.setServerNames(List.of(new SNIHostName(hop.host())));
        }
        if (verify) {
            parameters.setEndpointIdentificationAlgorithm("HTTPS"); // RFC 6125 name checks
        }
        tls.setSSLParameters(parameters);
        tls.startHandshake();
        return tls;
    }
}
