package dev.tokend.cli;

import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * The TLS context of the JDK {@code HttpClient} that sends an {@code http:} server the requests
 * {@code HttpURLConnection} cannot ({@code PATCH}; see {@link CliContext}), where TLS is never used.
 * The client otherwise loads the default context, and with it every CA certificate of the JDK
 * (about 40 ms here). This one trusts no certificate at all, so if
 * it ever were used (a redirect to https is not followed) it would fail rather than trust.
 */
final class PlainHttp {
    private PlainHttp() {}

    static SSLContext sslContext() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new TrustsNothing()}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no TLS implementation", e);
        }
    }

    /** Refuses every certificate chain. */
    private static final class TrustsNothing implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("TLS is not used for an http: server");
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("TLS is not used for an http: server");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
