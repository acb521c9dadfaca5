package it.io.petty.hardening;

import it.io.petty.PettyHttp;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Security;
import java.security.cert.X509Certificate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * TLS on HTTPS_PORT offers 1.2 and 1.3 with forward-secret AEAD suites only. The client here is willing to speak
 * anything (the JDK's own floor is lifted for this test JVM), so what is refused is refused by the server.
 */
class TransportSecurityIT {

    private static final int HTTPS_PORT = Integer.getInteger("petty.test.https-port", 9443);

    @BeforeAll
    static void letTheClientOfferOldProtocols() {
        Security.setProperty("jdk.tls.disabledAlgorithms", "");
    }

    @Test
    void tls12AndTls13AreServed() throws Exception {
        try (SSLSocket socket = connect("TLSv1.3", null)) {
            assertEquals("TLSv1.3", socket.getSession().getProtocol());
        }
        try (SSLSocket socket = connect("TLSv1.2", null)) {
            assertEquals("TLSv1.2", socket.getSession().getProtocol());
            assertTrue(socket.getSession().getCipherSuite().matches("TLS_ECDHE_(RSA|ECDSA)_WITH_.*(GCM|CHACHA20).*"),
                    socket.getSession().getCipherSuite());
            socket.getOutputStream().write(("GET /v1/pets HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            String status = new String(socket.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
            assertEquals("HTTP/1.1 401", status, "the API answers over TLS");
        }
    }

    @Test
    void olderProtocolsAreRefused() {
        for (String protocol : new String[] {"TLSv1.1", "TLSv1", "SSLv3"}) {
            assertThrows(IOException.class, () -> connect(protocol, null).close(), protocol);
        }
    }

    @Test
    void weakSuitesAreRefused() {
        for (String suite : new String[] {"TLS_RSA_WITH_AES_128_CBC_SHA", "TLS_RSA_WITH_AES_128_GCM_SHA256",
                "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256", "TLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA"}) {
            assertThrows(SSLHandshakeException.class, () -> connect("TLSv1.2", suite).close(), suite);
        }
    }

    /** A finished handshake with only this protocol (and suite) offered. */
    private static SSLSocket connect(String protocol, String suite) throws IOException, GeneralSecurityException {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {new TrustingTheDevelopmentCertificate()}, null);
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(PettyHttp.BASE.getHost(), HTTPS_PORT);
        try {
            socket.setSoTimeout(5_000);
            socket.setEnabledProtocols(new String[] {protocol});
            if (suite != null) {
                socket.setEnabledCipherSuites(new String[] {suite});
            }
            socket.startHandshake();
            return socket;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /** The test server's certificate is the self-signed one generated at its first start: the protocol is tested. */
    private static final class TrustingTheDevelopmentCertificate implements X509TrustManager {
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
    }
}
