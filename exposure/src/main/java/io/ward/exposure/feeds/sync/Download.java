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
import java.util.Map;
import java.util.Optional;

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

  /** Fetches {@code url} with {@code headers}; a 200 body is written to {@code into}. */
  public static Answer get(
      HttpClient client,
      URI url,
      Duration timeout,
      Map<String, String> headers,
      Path into,
      long maxBytes)
      throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(timeout).GET();
    headers.forEach(request::header);
    HttpResponse<InputStream> response =
        client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
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
