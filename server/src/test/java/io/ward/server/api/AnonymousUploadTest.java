package io.ward.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.ward.server.audit.Actor;
import io.ward.server.config.WardProperties;
import io.ward.server.security.Role;
import io.ward.server.security.UserService;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * A multipart upload from a client that may not upload is refused before its body is read: the
 * servlet container keeps nothing of it under {@code uploads/.parts}. Reading the form's CSRF token
 * made the container receive and store the whole body (up to {@code ward.ingest.max-upload-size}, 8
 * GiB) before authentication was checked, so anyone could fill the disk. Each request declares 6
 * MiB and sends 1.5 MiB of it (over the container's 1 MiB kept in memory, under the 2 MiB Tomcat
 * swallows after an early answer), then waits for the answer.
 */
class AnonymousUploadTest {
  static final List<String> API =
      List.of("/api/v1/captures", "/api/v1/feeds", "/api/v1/sboms", "/api/v1/mds2", "/api/v1/cmdb");
  static final List<String> CONSOLE = List.of("/upload", "/upload/feed", "/upload/import");
  static final int DECLARED = 6 << 20;
  static final int SENT = 3 << 19;

  @Nested
  class OnH2 extends Contract {
    @Override
    boolean postgres() {
      return false;
    }
  }

  @Nested
  @EnabledIfEnvironmentVariable(named = "WARD_TEST_POSTGRES", matches = "1")
  class OnPostgres extends Contract {
    @Override
    boolean postgres() {
      return true;
    }
  }

  /** The status line and headers of an answer (empty when none came in time). */
  record Answer(Optional<String> status, Map<String, String> headers) {
    int code() {
      return status.map(s -> Integer.parseInt(s.split(" ")[1])).orElse(-1);
    }
  }

  /** A browser session: its cookie and its form's CSRF token. */
  record Session(String cookie, String csrf) {}

  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  abstract static class Contract {
    SharedServer server;
    Path parts;
    HttpClient client;

    abstract boolean postgres();

    @BeforeAll
    void start() throws Exception {
      server = SharedServer.of(postgres());
      parts =
          server
              .server()
              .context()
              .getBean(WardProperties.class)
              .dataDirectory()
              .toAbsolutePath()
              .resolve("uploads")
              .resolve(".parts");
      client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    }

    @Test
    void shouldAnswer401ToAnAnonymousApiUploadWithOrWithoutASessionAndKeepNothing()
        throws Exception {
      Session anonymous = anonymousSession();
      for (String path : API) {
        for (Optional<Session> session :
            List.of(Optional.<Session>empty(), Optional.of(anonymous))) {
          Answer a = refusedUpload(path, Map.of(), session, "application/json");
          assertThat(a.code()).as(path + " " + session).isEqualTo(401);
          assertThat(a.headers().get("content-type")).startsWith("application/problem+json");
        }
      }
    }

    @Test
    void shouldSendAnAnonymousConsoleUploadToTheSignInPageAndKeepNothing() throws Exception {
      Session anonymous = anonymousSession();
      for (String path : CONSOLE) {
        for (Optional<Session> session :
            List.of(Optional.<Session>empty(), Optional.of(anonymous))) {
          Answer a = refusedUpload(path, Map.of(), session, "text/html");
          assertThat(a.code()).as(path + " " + session).isEqualTo(302);
          assertThat(a.headers().get("location")).endsWith("/login");
        }
      }
      // The sign-in form reads its fields too: it is no way around.
      Answer login = refusedUpload("/login", Map.of(), Optional.of(anonymous), "text/html");
      assertThat(login.code()).isIn(302, 401, 403);
    }

    @Test
    void shouldAnswer403ToAnUploadFromARoleThatMayNotUploadAndKeepNothing() throws Exception {
      Session auditor = signedIn(Role.AUDITOR);
      for (String path : CONSOLE) {
        Answer a = refusedUpload(path, Map.of(), Optional.of(auditor), "text/html");
        assertThat(a.code()).as(path).isEqualTo(403);
      }
      String token = server.token(Role.AUDITOR);
      for (String path : API) {
        Answer a =
            refusedUpload(
                path,
                Map.of("Authorization", "Bearer " + token),
                Optional.empty(),
                "application/json");
        assertThat(a.code()).as(path).isEqualTo(403);
      }
    }

    /**
     * A session keeps the role its user had at sign-in until {@code SessionRecheckFilter} reads the
     * user again; the gate must judge the upload by the user as they are now, or a user demoted or
     * disabled a moment ago could still have one whole body stored.
     */
    @Test
    void shouldRefuseAnUploadOfASessionWhoseUserWasDemotedOrDisabledSinceItsLastRequest()
        throws Exception {
      UserService users = server.server().context().getBean(UserService.class);
      // Users of this test's own: the shared ones keep their roles for the other tests.
      String demoted = "t-upload-demoted";
      users.create(demoted, SharedServer.PASSWORD, Role.SECURITY_ANALYST, Actor.system());
      Session session = signedIn(demoted);
      users.changeRole(demoted, Role.AUDITOR, Actor.system());
      for (String path : CONSOLE) {
        Answer a = refusedUpload(path, Map.of(), Optional.of(session), "text/html");
        assertThat(a.code()).as(path).isEqualTo(403);
      }
      for (String path : API) {
        Answer a = refusedUpload(path, Map.of(), Optional.of(session), "application/json");
        assertThat(a.code()).as(path).isEqualTo(403);
      }

      // A disabled user's session ends at its next request, which goes on as nobody's.
      for (String path : List.of("/upload", "/api/v1/captures")) {
        String disabled = "t-upload-disabled" + path.replace('/', '-');
        users.create(disabled, SharedServer.PASSWORD, Role.SECURITY_ANALYST, Actor.system());
        Session ending = signedIn(disabled);
        users.setEnabled(disabled, false, Actor.system());
        boolean api = path.startsWith("/api/");
        Answer a =
            refusedUpload(
                path, Map.of(), Optional.of(ending), api ? "application/json" : "text/html");
        assertThat(a.code()).as(path).isEqualTo(api ? 401 : 302);
        if (!api) {
          assertThat(a.headers().get("location")).endsWith("/login");
        }
      }
    }

    @Test
    void shouldStillTakeASignedInConsoleUpload() throws Exception {
      Session analyst = signedIn(Role.SECURITY_ANALYST);
      byte[] capture = Files.readAllBytes(io.ward.server.TestData.file("pcaps/ndpi/hl7.pcap"));
      String boundary = "----wardgate";
      byte[] body = multipart(boundary, analyst.csrf(), capture);
      HttpResponse<String> r =
          client.send(
              HttpRequest.newBuilder(URI.create(server.url() + "/upload"))
                  .header("Cookie", analyst.cookie())
                  .header("Accept", "text/html")
                  .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                  .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(302);
      assertThat(r.headers().firstValue("Location").orElse("")).doesNotEndWith("/login");
    }

    /**
     * Sends a multipart upload that declares {@link #DECLARED} bytes but sends {@link #SENT}, and
     * checks that no part of it was written under {@code uploads/.parts}.
     */
    Answer refusedUpload(
        String path, Map<String, String> headers, Optional<Session> session, String accept)
        throws Exception {
      List<Path> before = files(parts);
      URI url = URI.create(server.url());
      String boundary = "----wardanon";
      byte[] head =
          ("--"
                  + boundary
                  + "\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n"
                  + session.map(Session::csrf).orElse("none")
                  + "\r\n--"
                  + boundary
                  + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.pcap\""
                  + "\r\nContent-Type: application/octet-stream\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII);
      StringBuilder request =
          new StringBuilder("POST " + path + " HTTP/1.1\r\nHost: " + url.getHost() + "\r\n");
      headers.forEach((k, v) -> request.append(k).append(": ").append(v).append("\r\n"));
      session.ifPresent(s -> request.append("Cookie: ").append(s.cookie()).append("\r\n"));
      request
          .append("Accept: ")
          .append(accept)
          .append("\r\nContent-Type: multipart/form-data; boundary=")
          .append(boundary)
          .append("\r\nContent-Length: ")
          .append(head.length + DECLARED)
          .append("\r\n\r\n");
      Answer answer;
      boolean written;
      try (Socket socket = new Socket(url.getHost(), url.getPort())) {
        socket.setSoTimeout(5_000);
        OutputStream out = socket.getOutputStream();
        out.write(request.toString().getBytes(StandardCharsets.US_ASCII));
        out.write(head);
        out.write(new byte[SENT]);
        out.flush();
        answer = read(socket);
        // Without an answer the container is still receiving: look while the connection is open.
        written = !newFiles(before).isEmpty();
      }
      assertThat(written).as("a part of " + path + " was written under " + parts).isFalse();
      assertThat(answer.status())
          .as("an answer to " + path + " before its body was sent")
          .isPresent();
      Thread.sleep(200);
      assertThat(newFiles(before)).as("parts of " + path).isEmpty();
      return answer;
    }

    private List<Path> newFiles(List<Path> before) throws IOException {
      return files(parts).stream().filter(p -> !before.contains(p)).toList();
    }

    private static Answer read(Socket socket) throws IOException {
      BufferedReader in =
          new BufferedReader(
              new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
      try {
        String status = in.readLine();
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
          int colon = line.indexOf(':');
          headers.put(
              line.substring(0, colon).strip().toLowerCase(java.util.Locale.ROOT),
              line.substring(colon + 1).strip());
        }
        return new Answer(Optional.ofNullable(status), headers);
      } catch (SocketTimeoutException noAnswer) {
        return new Answer(Optional.empty(), Map.of());
      }
    }

    /** A session of nobody signed in, as a browser holds after opening the sign-in page. */
    Session anonymousSession() throws Exception {
      HttpResponse<String> page = get("/login", Optional.empty());
      return new Session(cookie(page).orElseThrow(), csrf(page.body()));
    }

    /** A session signed in as the role's test user. */
    Session signedIn(Role role) throws Exception {
      return signedIn(SharedServer.userName(role));
    }

    /** A session signed in as a user whose password is {@link SharedServer#PASSWORD}. */
    Session signedIn(String username) throws Exception {
      Session anonymous = anonymousSession();
      String form =
          "username="
              + URLEncoder.encode(username, StandardCharsets.UTF_8)
              + "&password="
              + URLEncoder.encode(SharedServer.PASSWORD, StandardCharsets.UTF_8)
              + "&_csrf="
              + URLEncoder.encode(anonymous.csrf(), StandardCharsets.UTF_8);
      HttpResponse<String> signIn =
          client.send(
              HttpRequest.newBuilder(URI.create(server.url() + "/login"))
                  .header("Cookie", anonymous.cookie())
                  .header("Content-Type", "application/x-www-form-urlencoded")
                  .POST(HttpRequest.BodyPublishers.ofString(form))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(signIn.headers().firstValue("Location").orElse("")).doesNotContain("error");
      String cookie = cookie(signIn).orElse(anonymous.cookie());
      return new Session(cookie, csrf(get("/login", Optional.of(cookie)).body()));
    }

    private HttpResponse<String> get(String path, Optional<String> cookie) throws Exception {
      HttpRequest.Builder b =
          HttpRequest.newBuilder(URI.create(server.url() + path)).header("Accept", "text/html");
      cookie.ifPresent(c -> b.header("Cookie", c));
      return client.send(b.GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Optional<String> cookie(HttpResponse<?> r) {
      return r.headers().allValues("Set-Cookie").stream()
          .filter(c -> c.startsWith("WARD_SESSION="))
          .map(c -> c.substring(0, c.indexOf(';')))
          .findFirst();
    }

    private static String csrf(String page) {
      Matcher m = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(page);
      assertThat(m.find()).as("a CSRF field").isTrue();
      return m.group(1);
    }

    private static byte[] multipart(String boundary, String csrf, byte[] file) {
      java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
      out.writeBytes(
          ("--"
                  + boundary
                  + "\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n"
                  + csrf
                  + "\r\n--"
                  + boundary
                  + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"hl7.pcap\""
                  + "\r\nContent-Type: application/octet-stream\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.writeBytes(file);
      out.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
      return out.toByteArray();
    }
  }

  /** The regular files under a directory (none when it does not exist). */
  static List<Path> files(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile).toList();
    }
  }
}
