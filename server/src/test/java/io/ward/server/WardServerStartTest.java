package io.ward.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Starting the server: one-line failures, loopback-only plain HTTP, HTTPS from a PKCS#12 file. */
class WardServerStartTest {
  @TempDir Path dir;

  @Test
  void shouldSayInOneLineThatThePortIsTaken() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      ServerSettings s = TestStore.h2Settings(dir).withPort(taken.getLocalPort());
      assertThatThrownBy(() -> WardServer.start(s))
          .isInstanceOf(ServerStartException.class)
          .hasMessage(
              "port "
                  + taken.getLocalPort()
                  + " on 127.0.0.1 is already in use (choose another with --port)");
    }
  }

  @Test
  void shouldSayInOneLineThatTheDatabaseIsUnreachable() throws Exception {
    int closed;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closed = s.getLocalPort();
    }
    ServerSettings s =
        TestStore.h2Settings(dir)
            .withDatabase(
                "jdbc:postgresql://127.0.0.1:" + closed + "/ward?password=secret",
                Optional.of("ward"),
                Optional.of("secret"));
    assertThatThrownBy(() -> WardServer.start(s))
        .isInstanceOf(ServerStartException.class)
        .hasMessageStartingWith("database unreachable (jdbc:postgresql://127.0.0.1:" + closed)
        .hasMessageNotContaining("secret")
        .hasMessageNotContaining("\n");
  }

  @Test
  void shouldSayInOneLineThatTheUploadLimitIsNotAPositiveSize() {
    for (String size : List.of("0", "-1GB", "lots")) {
      assertThatThrownBy(
              () ->
                  WardServer.start(
                      TestStore.h2Settings(dir), Map.of("ward.ingest.max-upload-size", size)))
          .as(size)
          .isInstanceOf(ServerStartException.class)
          .hasMessageStartingWith("bad configuration: ward.ingest")
          .hasMessageContaining("max-upload-size")
          .hasMessageNotContaining("\n");
    }
  }

  @Test
  void shouldRefusePlainHttpOffLoopbackAndAnUnknownDatabaseKind() {
    assertThatThrownBy(
            () -> WardServer.start(TestStore.h2Settings(dir).withBindAddress("0.0.0.0", false)))
        .isInstanceOf(ServerStartException.class)
        .hasMessageContaining("refusing plain HTTP on 0.0.0.0");
    assertThatThrownBy(
            () ->
                WardServer.start(
                    TestStore.h2Settings(dir)
                        .withDatabase("jdbc:mysql://x/y", Optional.empty(), Optional.empty())))
        .isInstanceOf(ServerStartException.class)
        .hasMessageContaining("unsupported database URL");
  }

  /**
   * A bad value in the environment names its variable and what it expects: {@code WARD_PORT=abc}
   * said only {@code For input string: "abc"}, and a PEM certificate without its key named no
   * variable.
   */
  @Test
  void shouldNameTheEnvironmentVariableAndWhatItExpects() {
    for (String port : new String[] {"abc", "70000", "-1", "80 80"}) {
      assertThatThrownBy(() -> ServerSettings.fromEnvironment(Map.of("WARD_PORT", port)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("WARD_PORT must be a TCP port number from 0 to 65535, not '" + port + "'");
    }
    assertThat(ServerSettings.fromEnvironment(Map.of("WARD_PORT", " 8443 ")).port())
        .isEqualTo(8443);
    assertThat(ServerSettings.fromEnvironment(Map.of()).port()).isEqualTo(8080);
    assertThatThrownBy(
            () -> ServerSettings.fromEnvironment(Map.of("WARD_TLS_CERTIFICATE", "ward.pem")))
        .hasMessageStartingWith("WARD_TLS_CERTIFICATE is set without WARD_TLS_PRIVATE_KEY: ");
    assertThatThrownBy(
            () -> ServerSettings.fromEnvironment(Map.of("WARD_TLS_PRIVATE_KEY", "ward.key")))
        .hasMessageStartingWith("WARD_TLS_PRIVATE_KEY is set without WARD_TLS_CERTIFICATE: ");
    assertThatThrownBy(
            () ->
                ServerSettings.fromEnvironment(
                    Map.of("WARD_TLS_KEYSTORE", "ward.p12", "WARD_TLS_CERTIFICATE", "ward.pem")))
        .hasMessageContaining("WARD_TLS_KEYSTORE and WARD_TLS_CERTIFICATE");
    assertThatThrownBy(
            () ->
                WardServer.start(
                    TestStore.h2Settings(dir).withBindAddress("no-such-host.invalid", false)))
        .hasMessageContaining("unknown bind address 'no-such-host.invalid': --bind (or")
        .hasMessageContaining("WARD_BIND_ADDRESS");
  }

  /**
   * A {@code ward.*} setting Spring cannot bind names the setting, its environment variable and
   * what it expects; the pool size was reported as {@code server.tomcat.threads.max}, which copies
   * it, and numbers in the converter's words ({@code For input string: "abc"}).
   */
  @Test
  void shouldNameASettingThatCannotBeBoundWithItsVariableAndWhatItExpects() {
    Map<String, String> expected =
        Map.of(
            "ward.ingest.threads",
            "bad configuration: ward.ingest.threads (WARD_INGEST_THREADS) must be a whole number,"
                + " not 'abc'",
            "ward.db.pool-size",
            "bad configuration: ward.db.pool-size (WARD_DB_POOLSIZE) must be a whole number, not"
                + " 'abc'",
            "ward.feeds.sync.every",
            "bad configuration: ward.feeds.sync.every (WARD_FEEDS_SYNC_EVERY) must be a duration"
                + " such as 90s, 15m, 6h or 1d, not 'abc'",
            "ward.remediation.due.act-now",
            "bad configuration: ward.remediation.due.act-now (WARD_REMEDIATION_DUE_ACTNOW) must"
                + " be a positive number of days, not 'abc'");
    for (Map.Entry<String, String> e : expected.entrySet()) {
      assertThatThrownBy(
              () -> WardServer.start(TestStore.h2Settings(dir), Map.of(e.getKey(), "abc")))
          .as(e.getKey())
          .isInstanceOf(ServerStartException.class)
          .hasMessage(e.getValue());
    }
  }

  @Test
  void shouldServeHttpsWithSecureCookiesFromAPkcs12Keystore() throws Exception {
    Path keystore = dir.resolve("ward.p12");
    keytool(keystore);
    ServerSettings s =
        TestStore.h2Settings(dir).withTls(ServerSettings.Tls.pkcs12(keystore, "changeit"));
    try (RunningServer server = WardServer.start(s)) {
      assertThat(server.url()).startsWith("https://127.0.0.1:");
      KeyStore trust = KeyStore.getInstance("PKCS12");
      try (var in = Files.newInputStream(keystore)) {
        trust.load(in, "changeit".toCharArray());
      }
      X509Certificate cert = (X509Certificate) trust.getCertificate("ward");
      assertServedSecurely(trusting(cert, server.url() + "/login"));
    }
  }

  @Test
  void shouldServeHttpsFromAPemCertificateAndKeyMadeByOpenssl() throws Exception {
    Path cert = dir.resolve("ward-cert.pem");
    Path key = dir.resolve("ward-key.pem");
    selfSignedEc(cert, key);
    assertThat(Files.readString(key)).startsWith("-----BEGIN PRIVATE KEY-----");

    try (RunningServer server =
        WardServer.start(TestStore.h2Settings(dir).withTls(ServerSettings.Tls.pem(cert, key)))) {
      assertThat(server.url()).startsWith("https://127.0.0.1:");
      X509Certificate served;
      try (var in = Files.newInputStream(cert)) {
        served =
            (X509Certificate)
                java.security.cert.CertificateFactory.getInstance("X.509").generateCertificate(in);
      }
      HttpResponse<String> page = trusting(served, server.url() + "/login");
      assertServedSecurely(page);
      assertThat(page.sslSession())
          .get()
          .satisfies(ssl -> assertThat(ssl.getPeerCertificates()[0]).isEqualTo(served));

      // A client that does not trust the certificate is refused by TLS, not served in clear.
      HttpClient untrusting = HttpClient.newHttpClient();
      assertThatThrownBy(
              () ->
                  untrusting.send(
                      HttpRequest.newBuilder(URI.create(server.url() + "/login")).build(),
                      HttpResponse.BodyHandlers.ofString()))
          .isInstanceOf(javax.net.ssl.SSLHandshakeException.class);
    }
  }

  @Test
  void shouldSayInOneLineWhichTlsFileIsWrongAndRefuseAKeyOfAnotherCertificate() throws Exception {
    Path cert = dir.resolve("c.pem");
    Path key = dir.resolve("k.pem");
    selfSignedEc(cert, key);
    Path otherCert = dir.resolve("other-cert.pem");
    Path otherKey = dir.resolve("other-key.pem");
    // An RSA key in the traditional PKCS#1 form, and a second EC key.
    openssl("genrsa", "-traditional", "-out", otherKey.toString(), "2048");
    openssl(
        "req",
        "-x509",
        "-key",
        otherKey.toString(),
        "-out",
        otherCert.toString(),
        "-days",
        "2",
        "-subj",
        "/CN=other");
    Path secondEc = dir.resolve("second-ec.pem");
    openssl(
        "genpkey",
        "-algorithm",
        "EC",
        "-pkeyopt",
        "ec_paramgen_curve:prime256v1",
        "-out",
        secondEc.toString());
    Path notAKey = dir.resolve("notes.pem");
    Files.writeString(
        notAKey, "-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5\n-----END PRIVATE KEY-----\n");

    Map<ServerSettings.Tls, String> bad = new java.util.LinkedHashMap<>();
    bad.put(
        ServerSettings.Tls.pem(cert, notAKey),
        "TLS private key " + notAKey + " holds no readable unencrypted PEM private key");
    bad.put(
        ServerSettings.Tls.pem(key, key), "TLS certificate " + key + " holds no PEM certificate");
    bad.put(
        ServerSettings.Tls.pem(cert, otherKey),
        "TLS private key " + otherKey + " does not belong to the certificate " + cert);
    bad.put(
        ServerSettings.Tls.pem(cert, secondEc),
        "TLS private key " + secondEc + " does not belong to the certificate " + cert);
    bad.put(
        ServerSettings.Tls.pem(cert, dir.resolve("missing.pem")),
        "TLS private key " + dir.resolve("missing.pem") + " does not exist");
    Path keystore = dir.resolve("wrong-password.p12");
    keytool(keystore);
    bad.put(
        ServerSettings.Tls.pkcs12(keystore, "not the password"),
        "TLS keystore " + keystore + " cannot be used: ");
    for (Map.Entry<ServerSettings.Tls, String> b : bad.entrySet()) {
      assertThatThrownBy(() -> WardServer.start(TestStore.h2Settings(dir).withTls(b.getKey())))
          .isInstanceOf(ServerStartException.class)
          .hasMessageStartingWith(b.getValue())
          .hasMessageNotContaining("\n");
    }
    // The RSA pair in PKCS#1 form is accepted.
    TlsFiles.checkPem(otherCert, otherKey);
  }

  /** A PKCS#12 keystore (password changeit) with a fresh EC key for 127.0.0.1, by keytool. */
  private static void keytool(Path keystore) throws Exception {
    Process keytool =
        new ProcessBuilder(
                List.of(
                    Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                    "-genkeypair",
                    "-alias",
                    "ward",
                    "-keyalg",
                    "EC",
                    "-groupname",
                    "secp256r1",
                    "-dname",
                    "CN=localhost",
                    "-ext",
                    "SAN=ip:127.0.0.1,dns:localhost",
                    "-validity",
                    "2",
                    "-storetype",
                    "PKCS12",
                    "-keystore",
                    keystore.toString(),
                    "-storepass",
                    "changeit",
                    "-keypass",
                    "changeit"))
            .redirectErrorStream(true)
            .start();
    assertThat(keytool.waitFor()).isZero();
  }

  /**
   * A self-signed certificate for localhost and 127.0.0.1 with a new P-256 key, made by openssl
   * (the test is skipped without it, except under CI).
   */
  private static void selfSignedEc(Path cert, Path key) throws Exception {
    Assumptions.assumeTrue(
        Files.isExecutable(Path.of("/usr/bin/openssl")) || "true".equals(System.getenv("CI")),
        "no openssl at /usr/bin/openssl");
    openssl(
        "req",
        "-x509",
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:prime256v1",
        "-nodes",
        "-keyout",
        key.toString(),
        "-out",
        cert.toString(),
        "-days",
        "2",
        "-subj",
        "/CN=localhost",
        "-addext",
        "subjectAltName=IP:127.0.0.1,DNS:localhost");
  }

  /** The sign-in page served over HTTPS with a Secure session cookie and HSTS. */
  private static void assertServedSecurely(HttpResponse<String> page) {
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().allValues("Set-Cookie").toString())
        .contains("Secure")
        .contains("HttpOnly");
    assertThat(page.headers().firstValue("Strict-Transport-Security")).isPresent();
  }

  private static void openssl(String... args) throws Exception {
    List<String> command = new java.util.ArrayList<>(List.of("/usr/bin/openssl"));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out =
        new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(out).isZero();
  }

  private static HttpResponse<String> trusting(X509Certificate cert, String url) throws Exception {
    KeyStore only = KeyStore.getInstance(KeyStore.getDefaultType());
    only.load(null, null);
    only.setCertificateEntry("ward", cert);
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(only);
    SSLContext ssl = SSLContext.getInstance("TLS");
    ssl.init(null, tmf.getTrustManagers(), null);
    return HttpClient.newBuilder()
        .sslContext(ssl)
        .build()
        .send(
            HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
  }
}
