package io.ward.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.ward.server.RunningServer;
import io.ward.server.TestData;
import io.ward.server.TestStore;
import io.ward.server.WardServer;
import io.ward.server.api.Http;
import io.ward.server.audit.Actor;
import io.ward.server.security.Role;
import io.ward.server.security.TokenService;
import io.ward.server.security.UserService;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;

/**
 * {@code ward.ingest.max-upload-size} over HTTP, on a server whose limit is 2 MiB. The API answers
 * 413 with a problem document naming the limit, whether the upload declares its length (refused
 * before its body is read) or is sent chunked (stopped once its file passes the limit, and what the
 * servlet container had written of it deleted); the console's upload form shows the same words, as
 * a page and in a real browser. Nothing is stored.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UploadLimitTest {
  static final String REFUSAL =
      "is larger than the upload limit of 2 MiB (ward.ingest.max-upload-size); nothing was stored";
  static final String PASSWORD = "a sturdy analyst passphrase";

  RunningServer server;
  Path dataDir;
  String token;
  Http api;

  @BeforeAll
  void start() throws Exception {
    dataDir = Files.createTempDirectory("ward-limit-");
    server =
        WardServer.start(
            TestStore.h2Settings(dataDir), Map.of("ward.ingest.max-upload-size", "2MB"));
    server
        .context()
        .getBean(UserService.class)
        .create("analyst", PASSWORD, Role.SECURITY_ANALYST, Actor.system());
    token =
        server
            .context()
            .getBean(TokenService.class)
            .create("analyst", "tests", Actor.system())
            .secret();
    api = Http.bearer(server.url(), token);
  }

  @AfterAll
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  /** 3 MiB that start like a pcap: over the limit, and over the container's 1 MiB in memory. */
  static byte[] tooLarge() {
    byte[] b = new byte[3 << 20];
    b[0] = (byte) 0xd4;
    b[1] = (byte) 0xc3;
    b[2] = (byte) 0xb2;
    b[3] = (byte) 0xa1;
    return b;
  }

  /**
   * What an upload could leave: jobs, and files under the uploads (the parts being received too).
   */
  Map<String, Object> stored() throws IOException {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put(
        "jobs",
        server
            .context()
            .getBean(org.springframework.jdbc.core.simple.JdbcClient.class)
            .sql("SELECT COUNT(*) FROM ingest_job")
            .query(Long.class)
            .single());
    Path uploads = dataDir.resolve("uploads");
    try (Stream<Path> files = Files.exists(uploads) ? Files.walk(uploads) : Stream.empty()) {
      m.put("files", files.filter(Files::isRegularFile).map(Path::toString).sorted().toList());
    }
    return m;
  }

  @Test
  void shouldRefuseAnUploadOverTheLimitWith413NamingItAndAcceptOneUnderIt() throws Exception {
    Map<String, Object> before = stored();
    HttpResponse<String> refused = api.upload("/api/v1/captures", "file", "big.pcap", tooLarge());
    assertThat(refused.statusCode()).isEqualTo(413);
    assertThat(refused.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
    JsonNode problem = Http.json(refused.body());
    assertThat(problem.get("title").asString()).isEqualTo("Too large");
    assertThat(problem.get("detail").asString()).isEqualTo("the upload " + REFUSAL);
    assertThat(stored()).isEqualTo(before);

    byte[] capture = Files.readAllBytes(TestData.file("pcaps/ndpi/hl7.pcap"));
    assertThat(api.upload("/api/v1/captures", "file", "hl7.pcap", capture).statusCode())
        .isEqualTo(202);
  }

  @Test
  void shouldStopAChunkedUploadAtTheLimitAndDeleteWhatWasWritten() throws Exception {
    Map<String, Object> before = stored();
    String boundary = "----wardlimit";
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes(
        ("--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.pcap\""
                + "\r\nContent-Type: application/octet-stream\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII));
    body.writeBytes(tooLarge());
    body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
    byte[] bytes = body.toByteArray();
    // A body of unknown length goes chunked: the container learns its size only by reading it.
    HttpResponse<String> refused =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(server.url() + "/api/v1/captures"))
                    .timeout(Duration.ofSeconds(60))
                    .header("Authorization", "Bearer " + token)
                    .header("Accept", "application/json")
                    .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .POST(
                        HttpRequest.BodyPublishers.ofInputStream(
                            () -> new ByteArrayInputStream(bytes)))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(refused.statusCode()).isEqualTo(413);
    assertThat(Http.json(refused.body()).get("detail").asString()).endsWith(REFUSAL);
    assertThat(stored()).isEqualTo(before);
  }

  @Test
  void shouldShowTheLimitOnTheConsolesUploadForm() throws Exception {
    Http browser = Http.session(server.url());
    browser.signIn("analyst", PASSWORD);
    assertThat(browser.page("/upload").body()).contains("of up to <span>2 MiB</span> as sent");
    Map<String, Object> before = stored();
    HttpResponse<String> page =
        browser.uploadForm(
            "/upload", Map.of("_csrf", browser.csrf()), "file", "big.pcap", tooLarge());
    assertThat(page.statusCode()).isEqualTo(413);
    assertThat(page.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
    assertThat(page.body()).contains("Too large").contains(REFUSAL);
    assertThat(stored()).isEqualTo(before);
  }

  @Test
  void shouldShowTheLimitInARealBrowserAfterTheFormIsSent() throws Exception {
    // CI installs Chromium and must fail without it; elsewhere a missing browser skips the test.
    Assumptions.assumeTrue(
        Browser.available() || "true".equals(System.getenv("CI")),
        "no Chromium at /usr/bin/chromium (apt-get install chromium chromium-driver)");
    Path file = dataDir.resolve("big.pcap");
    Files.write(file, tooLarge());
    try (Browser browser = new Browser()) {
      WebDriverWait wait = new WebDriverWait(browser.driver, Duration.ofSeconds(60));
      browser.driver.get(server.url() + "/login");
      browser.driver.findElement(By.id("username")).sendKeys("analyst");
      browser.driver.findElement(By.id("password")).sendKeys(PASSWORD);
      browser.driver.findElement(By.cssSelector("form button[type=submit]")).click();
      wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".whoami")));
      browser.driver.get(server.url() + "/upload");
      browser.driver.findElement(By.id("capture-file")).sendKeys(file.toString());
      browser
          .driver
          .findElement(By.id("capture-file"))
          .findElement(By.xpath("./ancestor::form//button"))
          .click();
      wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"), REFUSAL));
      browser.shot("upload-over-the-limit");
    } finally {
      Files.delete(file);
    }
  }
}
