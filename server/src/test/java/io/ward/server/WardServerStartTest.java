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
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
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

  @Test
  void shouldServeHttpsWithSecureCookiesFromAPkcs12Keystore() throws Exception {
    Path keystore = dir.resolve("ward.p12");
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
    ServerSettings s =
        TestStore.h2Settings(dir).withTls(ServerSettings.Tls.pkcs12(keystore, "changeit"));
    try (RunningServer server = WardServer.start(s)) {
      assertThat(server.url()).startsWith("https://127.0.0.1:");
      KeyStore trust = KeyStore.getInstance("PKCS12");
      try (var in = Files.newInputStream(keystore)) {
        trust.load(in, "changeit".toCharArray());
      }
      X509Certificate cert = (X509Certificate) trust.getCertificate("ward");
      KeyStore only = KeyStore.getInstance(KeyStore.getDefaultType());
      only.load(null, null);
      only.setCertificateEntry("ward", cert);
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(only);
      SSLContext ssl = SSLContext.getInstance("TLS");
      ssl.init(null, tmf.getTrustManagers(), null);
      HttpClient client = HttpClient.newBuilder().sslContext(ssl).build();
      HttpResponse<String> page =
          client.send(
              HttpRequest.newBuilder(URI.create(server.url() + "/login")).build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(page.statusCode()).isEqualTo(200);
      assertThat(page.headers().allValues("Set-Cookie").toString())
          .contains("Secure")
          .contains("HttpOnly");
      assertThat(page.headers().firstValue("Strict-Transport-Security")).isPresent();
    }
  }
}
