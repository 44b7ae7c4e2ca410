package io.ward.exposure.feeds;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The feeds {@code ward feeds sync} fetches, read from YAML:
 *
 * <pre>
 * timeoutSeconds: 60
 * feeds:
 *   - name: cisa-kev
 *     kind: KEV
 *     url: https://…/known_exploited_vulnerabilities.json
 * </pre>
 *
 * @param feeds the feeds, names unique
 * @param timeout per request
 */
public record FeedConfig(List<Source> feeds, Duration timeout) {

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

  public FeedConfig {
    feeds = List.copyOf(feeds);
    Objects.requireNonNull(timeout, "timeout");
    if (feeds.stream().map(Source::name).distinct().count() != feeds.size()) {
      throw new IllegalArgumentException("feed names must be unique");
    }
  }

  /**
   * One configured feed.
   *
   * @param name a file-name-safe name; the stored copy is {@code <kind>/<name>.<ext>}
   * @param kind what the feed holds
   * @param url where to fetch it (http or https)
   */
  public record Source(String name, FeedKind kind, URI url) {
    public Source {
      if (name == null || !NAME.matcher(name).matches()) {
        throw new IllegalArgumentException("feed name must match " + NAME + ": " + name);
      }
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(url, "url");
      String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
      if (!scheme.equals("http") && !scheme.equals("https")) {
        throw new IllegalArgumentException("feed url must be http or https: " + url);
      }
      if (kind == FeedKind.UNKNOWN || kind == FeedKind.MDS2) {
        throw new IllegalArgumentException("not a feed kind: " + kind);
      }
    }
  }

  /** Reads a feed configuration file. */
  public static FeedConfig load(Path file) throws IOException {
    JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
    if (root == null || !root.path("feeds").isArray()) {
      throw new IOException(file + ": a feed configuration needs a 'feeds' list");
    }
    List<Source> sources = new ArrayList<>();
    try {
      for (JsonNode feed : root.path("feeds")) {
        sources.add(
            new Source(
                feed.path("name").asText(null),
                FeedKind.valueOf(feed.path("kind").asText("").toUpperCase(Locale.ROOT)),
                URI.create(feed.path("url").asText(""))));
      }
      return new FeedConfig(sources, Duration.ofSeconds(root.path("timeoutSeconds").asLong(60)));
    } catch (IllegalArgumentException e) {
      throw new IOException(file + ": " + e.getMessage(), e);
    }
  }
}
