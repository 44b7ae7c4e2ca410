package io.ward.server.api;

import java.io.ByteArrayOutputStream;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A small HTTP client for tests: bearer or session (with CSRF) calls, JSON and multipart. */
public final class Http {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final String base;
  private final Optional<String> token;
  private final HttpClient client;

  private Http(String base, Optional<String> token, HttpClient client) {
    this.base = base;
    this.token = token;
    this.client = client;
  }

  /** Calls with {@code Authorization: Bearer token}. */
  public static Http bearer(String base, String token) {
    return new Http(base, Optional.of(token), plain());
  }

  /** Calls without credentials and without a session. */
  public static Http anonymous(String base) {
    return new Http(base, Optional.empty(), plain());
  }

  /** Calls with a cookie jar, like a browser (sign in with {@link #signIn}). */
  public static Http session(String base) {
    return new Http(
        base,
        Optional.empty(),
        HttpClient.newBuilder()
            .cookieHandler(new CookieManager())
            .connectTimeout(Duration.ofSeconds(10))
            .build());
  }

  private static HttpClient plain() {
    return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  }

  /** Parses JSON. */
  public static JsonNode json(String body) {
    return JSON.readTree(body);
  }

  /** Writes JSON. */
  public static String json(Object value) {
    return JSON.writeValueAsString(value);
  }

  /** GET with {@code Accept: application/json}. */
  public HttpResponse<String> get(String path) throws Exception {
    return send(request(path, "application/json").GET().build());
  }

  /** GET with a browser's {@code Accept} header. */
  public HttpResponse<String> page(String path) throws Exception {
    return send(request(path, "text/html,application/xhtml+xml,*/*;q=0.8").GET().build());
  }

  /** A request with a JSON body (or none when {@code body} is null). */
  public HttpResponse<String> json(String method, String path, String body) throws Exception {
    HttpRequest.Builder b = request(path, "application/json");
    if (body == null) {
      b.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      b.header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(body));
    }
    return send(b.build());
  }

  /** A request with any body and content type. */
  public HttpResponse<String> raw(String method, String path, String contentType, byte[] body)
      throws Exception {
    return send(
        request(path, "application/json")
            .header("Content-Type", contentType)
            .method(method, HttpRequest.BodyPublishers.ofByteArray(body))
            .build());
  }

  /** A form post (with this session's CSRF token when it has one). */
  public HttpResponse<String> form(String path, Map<String, String> fields) throws Exception {
    String body =
        fields.entrySet().stream()
            .map(
                e ->
                    URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                        + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
    return send(
        request(path, "text/html,*/*;q=0.8")
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build());
  }

  /** A multipart upload of one file in the field {@code field}. */
  public HttpResponse<String> upload(String path, String field, String filename, byte[] content)
      throws Exception {
    return upload(path, Map.of(), field, filename, content);
  }

  /** A multipart upload of text fields and one file in the field {@code field}. */
  public HttpResponse<String> upload(
      String path, Map<String, String> fields, String field, String filename, byte[] content)
      throws Exception {
    return upload(path, fields, field, filename, content, "application/json");
  }

  /** A multipart upload sent as a browser sends a form (it asks for a page back). */
  public HttpResponse<String> uploadForm(
      String path, Map<String, String> fields, String field, String filename, byte[] content)
      throws Exception {
    return upload(path, fields, field, filename, content, "text/html,*/*;q=0.8");
  }

  private HttpResponse<String> upload(
      String path,
      Map<String, String> fields,
      String field,
      String filename,
      byte[] content,
      String accept)
      throws Exception {
    String boundary = "----ward" + UUID.randomUUID().toString().replace("-", "");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (Map.Entry<String, String> f : fields.entrySet()) {
      out.writeBytes(
          ("--"
                  + boundary
                  + "\r\nContent-Disposition: form-data; name=\""
                  + f.getKey()
                  + "\"\r\n\r\n"
                  + f.getValue()
                  + "\r\n")
              .getBytes(StandardCharsets.UTF_8));
    }
    out.writeBytes(
        ("--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\""
                + field
                + "\"; filename=\""
                + filename
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
            .getBytes(StandardCharsets.UTF_8));
    out.writeBytes(content);
    out.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return send(
        request(path, accept)
            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
            .POST(HttpRequest.BodyPublishers.ofByteArray(out.toByteArray()))
            .build());
  }

  /** The CSRF token of this session, read from the sign-in page. */
  public String csrf() throws Exception {
    String page = page("/login").body();
    Matcher m = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(page);
    if (!m.find()) {
      throw new AssertionError("no CSRF field on the sign-in page");
    }
    return m.group(1);
  }

  /** Signs this session in through the sign-in form; returns the answer (a redirect). */
  public HttpResponse<String> signIn(String user, String password) throws Exception {
    return form("/login", Map.of("username", user, "password", password, "_csrf", csrf()));
  }

  private HttpRequest.Builder request(String path, String accept) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(Duration.ofSeconds(60))
            .header("Accept", accept);
    token.ifPresent(t -> b.header("Authorization", "Bearer " + t));
    return b;
  }

  private HttpResponse<String> send(HttpRequest r) throws Exception {
    return client.send(r, HttpResponse.BodyHandlers.ofString());
  }
}
