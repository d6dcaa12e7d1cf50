package org.twgate.testkit;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** A self-signed key for STARTTLS tests, made by the JDK's keytool (real key material, nothing canned). */
public final class TestKeys {
    public static final String PASSWORD = "secret";

    private TestKeys() {
    }

    /** Writes a PKCS#12 key store for {@code CN=gw.test} to {@code dir/server.p12}. */
    public static Path pkcs12(Path dir) throws IOException, InterruptedException {
        Path keyStore = dir.resolve("server.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "twgate", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=gw.test",
                "-validity", "2", "-storetype", "PKCS12", "-keystore", keyStore.toString(), "-storepass", PASSWORD)
                .redirectErrorStream(true).start();
        keytool.getInputStream().readAllBytes();
        if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
            throw new IOException("keytool failed to make a test key");
        }
        return keyStore;
    }
}
