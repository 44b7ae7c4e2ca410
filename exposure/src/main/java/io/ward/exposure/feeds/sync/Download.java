package io.ward.exposure.feeds.sync;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * One GET into a file, refusing bodies over a size limit; a non-200 answer leaves no body. Every
 * feed download goes through it: single files ({@code FeedStore}), CSAF documents and NVD pages.
 */
public final class Download {

  private Download() {}

  /**
   * What the server answered.
   *
   * @param status the HTTP status
   * @param etag the ETag header
   * @param lastModified the Last-Modified header
   */
  public record Answer(int status, Optional<String> etag, Optional<String> lastModified) {
    /** True for a 200 answer, whose body was written. */
    public boolean ok() {
      return status == 200;
    }
  }

  /** Redirects {@link #getChecked} follows before it gives up. */
  static final int MAX_REDIRECTS = 5;

  /** Fetches {@code url} with {@code headers}; a 200 body is written to {@code into}. */
  public static Answer get(
      HttpClient client,
      URI url,
      Duration timeout,
      Map<String, String> headers,
      Path into,
      long maxBytes)
      throws IOException, InterruptedException {
    return answer(send(client, url, timeout, headers), into, maxBytes);
  }

  /**
   * As {@link #get}, following redirects itself (at most {@link #MAX_REDIRECTS}) so that every URL
   * it is sent to, the first and each redirect's target, is checked by {@code refusal} before it is
   * requested. {@code client} must follow no redirect itself: a URL a provider lists could
   * otherwise answer with a redirect into the hospital's network, which the client would follow
   * unchecked.
   *
   * @param refusal why a URL must not be requested, empty when it may
   * @throws IOException also when a URL is refused, naming it and why
   */
  public static Answer getChecked(
      HttpClient client,
      URI url,
      Duration timeout,
      Map<String, String> headers,
      Path into,
      long maxBytes,
      Function<URI, Optional<String>> refusal)
      throws IOException, InterruptedException {
    URI at = url;
    for (int redirects = 0; ; redirects++) {
      Optional<String> refused = refusal.apply(at);
      if (refused.isPresent()) {
        throw new IOException(at + " " + refused.get());
      }
      HttpResponse<InputStream> response = send(client, at, timeout, headers);
      if (!redirect(response.statusCode())) {
        return answer(response, into, maxBytes);
      }
      response.body().close();
      if (redirects == MAX_REDIRECTS) {
        throw new IOException("more than " + MAX_REDIRECTS + " redirects from " + url);
      }
      URI from = at;
      String location =
          response
              .headers()
              .firstValue("Location")
              .orElseThrow(() -> new IOException("redirect without a Location from " + from));
      try {
        at = from.resolve(location);
      } catch (IllegalArgumentException e) {
        throw new IOException("redirect to a malformed Location from " + from);
      }
      String scheme = at.getScheme() == null ? "" : at.getScheme().toLowerCase(Locale.ROOT);
      if (!scheme.equals("https") && !scheme.equals("http")) {
        throw new IOException("redirect to a non-HTTP URL from " + from);
      }
    }
  }

  /**
   * A client like {@code client} (proxy, TLS, authenticator, timeouts) that follows no redirect:
   * for {@link #getChecked}, and for requests whose headers must reach one host only.
   */
  public static HttpClient withoutRedirects(HttpClient client) {
    if (client.followRedirects() == HttpClient.Redirect.NEVER) {
      return client;
    }
    HttpClient.Builder b =
        HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .sslContext(client.sslContext())
            .sslParameters(client.sslParameters())
            .version(client.version());
    client.proxy().ifPresent(b::proxy);
    client.authenticator().ifPresent(b::authenticator);
    client.connectTimeout().ifPresent(b::connectTimeout);
    client.executor().ifPresent(b::executor);
    return b.build();
  }

  private static boolean redirect(int status) {
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
  }

  private static HttpResponse<InputStream> send(
      HttpClient client, URI url, Duration timeout, Map<String, String> headers)
      throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(timeout).GET();
    headers.forEach(request::header);
    return client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
  }

  /** The answer of {@code response}; a 200 body is written to {@code into}. */
  private static Answer answer(HttpResponse<InputStream> response, Path into, long maxBytes)
      throws IOException {
    Answer answer =
        new Answer(
            response.statusCode(),
            response.headers().firstValue("ETag"),
            response.headers().firstValue("Last-Modified"));
    if (!answer.ok()) {
      response.body().close();
      return answer;
    }
    copyCapped(response.body(), into, maxBytes);
    return answer;
  }

  private static void copyCapped(InputStream body, Path into, long maxBytes) throws IOException {
    try (InputStream in = body;
        OutputStream out = Files.newOutputStream(into)) {
      byte[] buffer = new byte[64 * 1024];
      long total = 0;
      int n;
      while ((n = in.read(buffer)) > 0) {
        total += n;
        if (total > maxBytes) {
          throw new IOException("larger than the limit of " + maxBytes + " bytes");
        }
        out.write(buffer, 0, n);
      }
    }
  }
}
