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
import java.util.Optional;
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
 *   - name: acme-csaf            # a CSAF provider: provider-metadata.json or a ROLIE feed
 *     kind: CSAF
 *     url: https://acme.example/.well-known/csaf/provider-metadata.json
 *     maxDocuments: 5000         # optional; documents fetched per sync
 *     maxDocumentMegabytes: 16   # optional; larger documents are refused
 *     maxTotalMegabytes: 1024    # optional; most stored per sync
 *   - name: nvd-infusion         # the NVD CVE API 2.0, paged and then updated incrementally
 *     kind: NVD
 *     url: https://services.nvd.nist.gov/rest/json/cves/2.0?keywordSearch=infusion%20pump
 *     apiKeyEnv: NVD_API_KEY     # optional; the key is read from this environment variable
 *     delayMillis: 6000          # optional; pause between requests (default 6 s, 0.6 s with a key)
 * </pre>
 *
 * @param feeds the feeds, names unique
 * @param timeout per request
 */
public record FeedConfig(List<Source> feeds, Duration timeout) {

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
  private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");

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
   * @param name a file-name-safe name; the stored copy is {@code <kind>/<name>.<ext>} (a single
   *     file) or the directory {@code <kind>/<name>/} (CSAF provider, NVD API)
   * @param kind what the feed holds
   * @param url where to fetch it (http or https)
   * @param options how to fetch it; {@link Options#defaults(FeedKind)} when not configured
   */
  public record Source(String name, FeedKind kind, URI url, Options options) {
    public Source {
      if (name == null || !NAME.matcher(name).matches()) {
        throw new IllegalArgumentException("feed name must match " + NAME + ": " + name);
      }
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(url, "url");
      Objects.requireNonNull(options, "options");
      String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
      if (!scheme.equals("http") && !scheme.equals("https")) {
        throw new IllegalArgumentException("feed url must be http or https: " + url);
      }
      if (kind == FeedKind.UNKNOWN || kind == FeedKind.MDS2) {
        throw new IllegalArgumentException("not a feed kind: " + kind);
      }
      if (options.mode() == Mode.DISCOVER && kind != FeedKind.CSAF) {
        throw new IllegalArgumentException("mode DISCOVER is for CSAF feeds only: " + name);
      }
      if (options.mode() == Mode.API && kind != FeedKind.NVD) {
        throw new IllegalArgumentException("mode API is for NVD feeds only: " + name);
      }
    }

    /** A feed fetched with the default options of its kind. */
    public Source(String name, FeedKind kind, URI url) {
      this(name, kind, url, Options.defaults(kind));
    }

    /**
     * True when this NVD source is the paged CVE API rather than one file: {@code mode: API}, or in
     * {@code AUTO} mode a URL whose path does not name a {@code .json}/{@code .gz} file (the API is
     * {@code …/rest/json/cves/2.0}).
     */
    public boolean isNvdApi() {
      if (kind != FeedKind.NVD || options.mode() == Mode.FILE) {
        return false;
      }
      String path = url.getPath() == null ? "" : url.getPath().toLowerCase(Locale.ROOT);
      return options.mode() == Mode.API || !(path.endsWith(".json") || path.endsWith(".gz"));
    }
  }

  /** How a source is fetched. */
  public enum Mode {
    /**
     * CSAF: a provider-metadata.json or ROLIE feed is followed, a CSAF document stored as one file;
     * NVD: the API when the URL is not a file; other kinds: one file.
     */
    AUTO,
    /** One file, whatever the URL answers. */
    FILE,
    /** CSAF provider discovery (provider-metadata.json or a ROLIE feed) only. */
    DISCOVER,
    /** NVD CVE API 2.0 paging only. */
    API
  }

  /**
   * Fetch options of one source. Limits bound what a hostile or broken feed can make Ward write.
   *
   * @param mode how the URL is read
   * @param maxDocuments CSAF: most documents fetched per sync; NVD API: most pages per request run
   * @param maxDocumentBytes largest document or page accepted
   * @param maxTotalBytes most bytes stored per sync; the sync stops once it is passed (so by at
   *     most one document)
   * @param requestDelay pause between two requests to the same source; empty = the kind's default
   *     (NVD API: 6 s, or 0.6 s with an API key, as NVD asks; others: none)
   * @param apiKeyEnv NVD API: the environment variable holding the API key (the key itself is never
   *     written to the configuration, the store or a report)
   * @param pageSize NVD API: resultsPerPage asked (1–2000)
   */
  public record Options(
      Mode mode,
      int maxDocuments,
      long maxDocumentBytes,
      long maxTotalBytes,
      Optional<Duration> requestDelay,
      Optional<String> apiKeyEnv,
      int pageSize) {

    /** Default most documents per CSAF provider sync. */
    public static final int DEFAULT_MAX_DOCUMENTS = 5000;

    /** Default largest CSAF document (real advisories are well under 1 MB). */
    public static final long DEFAULT_MAX_CSAF_BYTES = 16L * 1024 * 1024;

    /** Default largest NVD API page (2,000 CVEs are some tens of MB). */
    public static final long DEFAULT_MAX_NVD_PAGE_BYTES = 256L * 1024 * 1024;

    /** Default most bytes stored per CSAF provider sync. */
    public static final long DEFAULT_MAX_CSAF_TOTAL_BYTES = 1024L * 1024 * 1024;

    /** Default most bytes stored per NVD API sync (all of NVD is a few GB). */
    public static final long DEFAULT_MAX_NVD_TOTAL_BYTES = 16L * 1024 * 1024 * 1024;

    /** Largest page NVD serves. */
    public static final int MAX_NVD_PAGE_SIZE = 2000;

    public Options {
      Objects.requireNonNull(mode, "mode");
      Objects.requireNonNull(requestDelay, "requestDelay");
      Objects.requireNonNull(apiKeyEnv, "apiKeyEnv");
      if (maxDocuments < 1) {
        throw new IllegalArgumentException("maxDocuments must be at least 1: " + maxDocuments);
      }
      if (maxDocumentBytes < 1 || maxDocumentBytes > FeedStore.MAX_DOWNLOAD_BYTES) {
        throw new IllegalArgumentException(
            "the document size limit must be between 1 byte and "
                + FeedStore.MAX_DOWNLOAD_BYTES / (1024 * 1024)
                + " MB");
      }
      if (maxTotalBytes < 1) {
        throw new IllegalArgumentException("the total size limit must be positive");
      }
      if (requestDelay.isPresent() && requestDelay.get().isNegative()) {
        throw new IllegalArgumentException("the request delay cannot be negative");
      }
      if (apiKeyEnv.isPresent() && !ENV_NAME.matcher(apiKeyEnv.get()).matches()) {
        throw new IllegalArgumentException(
            "apiKeyEnv must name an environment variable (not hold the key): " + apiKeyEnv.get());
      }
      if (pageSize < 1 || pageSize > MAX_NVD_PAGE_SIZE) {
        throw new IllegalArgumentException(
            "pageSize must be between 1 and " + MAX_NVD_PAGE_SIZE + ": " + pageSize);
      }
    }

    /** The defaults for a kind. */
    public static Options defaults(FeedKind kind) {
      return new Options(
          Mode.AUTO,
          DEFAULT_MAX_DOCUMENTS,
          kind == FeedKind.NVD ? DEFAULT_MAX_NVD_PAGE_BYTES : DEFAULT_MAX_CSAF_BYTES,
          kind == FeedKind.NVD ? DEFAULT_MAX_NVD_TOTAL_BYTES : DEFAULT_MAX_CSAF_TOTAL_BYTES,
          Optional.empty(),
          Optional.empty(),
          MAX_NVD_PAGE_SIZE);
    }

    /** These options with other limits. */
    public Options withLimits(int documents, long documentBytes, long totalBytes) {
      return new Options(
          mode, documents, documentBytes, totalBytes, requestDelay, apiKeyEnv, pageSize);
    }

    /** These options with another request delay (tests use zero). */
    public Options withRequestDelay(Duration delay) {
      return new Options(
          mode,
          maxDocuments,
          maxDocumentBytes,
          maxTotalBytes,
          Optional.of(delay),
          apiKeyEnv,
          pageSize);
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
      unknownKeys(root, TOP_KEYS, "");
      for (JsonNode feed : root.path("feeds")) {
        unknownKeys(feed, FEED_KEYS, "feed " + feed.path("name").asText("(no name)") + ": ");
        FeedKind kind = kind(feed);
        sources.add(
            new Source(
                feed.path("name").asText(null),
                kind,
                URI.create(feed.path("url").asText("")),
                options(feed, kind)));
      }
      return new FeedConfig(sources, Duration.ofSeconds(root.path("timeoutSeconds").asLong(60)));
    } catch (IllegalArgumentException e) {
      throw new IOException(file + ": " + e.getMessage(), e);
    }
  }

  /** The keys of the file itself. */
  private static final List<String> TOP_KEYS = List.of("timeoutSeconds", "feeds");

  /** The keys a feed may have; {@link #options} reads all but the first three. */
  private static final List<String> FEED_KEYS =
      List.of(
          "name",
          "kind",
          "url",
          "mode",
          "maxDocuments",
          "maxDocumentMegabytes",
          "maxTotalMegabytes",
          "delayMillis",
          "apiKeyEnv",
          "pageSize");

  /**
   * Refuses a key the configuration does not know: a misspelt limit ({@code maxDocument}) was
   * ignored, and the sync ran with the default it was meant to replace.
   */
  private static void unknownKeys(JsonNode node, List<String> known, String where) {
    if (!node.isObject()) {
      return;
    }
    for (java.util.Iterator<String> keys = node.fieldNames(); keys.hasNext(); ) {
      String key = keys.next();
      if (!known.contains(key)) {
        throw new IllegalArgumentException(
            where + "unknown key '" + key + "'; the keys are " + String.join(", ", known));
      }
    }
  }

  /** The kinds a feed may name, as the configuration spells them. */
  private static final List<String> KINDS =
      java.util.Arrays.stream(FeedKind.values())
          .filter(k -> k != FeedKind.UNKNOWN && k != FeedKind.MDS2)
          .map(k -> k.name().toLowerCase(Locale.ROOT))
          .toList();

  /** A feed's kind; one that is missing or unknown is named with the kinds there are. */
  private static FeedKind kind(JsonNode feed) {
    String given = feed.path("kind").asText("");
    if (!KINDS.contains(given.toLowerCase(Locale.ROOT))) {
      throw new IllegalArgumentException(
          "feed "
              + feed.path("name").asText("(no name)")
              + ": kind must be one of "
              + String.join(", ", KINDS)
              + (given.isEmpty() ? ", and is missing" : ", not '" + given + "'"));
    }
    return FeedKind.valueOf(given.toUpperCase(Locale.ROOT));
  }

  private static Options options(JsonNode feed, FeedKind kind) {
    Options defaults = Options.defaults(kind);
    String modeName = feed.path("mode").asText("AUTO").toUpperCase(Locale.ROOT);
    Mode mode;
    try {
      mode = Mode.valueOf(modeName);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "mode must be one of " + java.util.Arrays.toString(Mode.values()) + ": " + modeName, e);
    }
    long maxBytes =
        feed.has("maxDocumentMegabytes")
            ? positive(feed, "maxDocumentMegabytes") * 1024 * 1024
            : defaults.maxDocumentBytes();
    long maxTotal =
        feed.has("maxTotalMegabytes")
            ? positive(feed, "maxTotalMegabytes") * 1024 * 1024
            : defaults.maxTotalBytes();
    Optional<Duration> delay =
        feed.has("delayMillis")
            ? Optional.of(Duration.ofMillis(feed.path("delayMillis").asLong(-1)))
            : Optional.empty();
    Optional<String> keyEnv =
        feed.hasNonNull("apiKeyEnv")
            ? Optional.of(feed.path("apiKeyEnv").asText())
            : Optional.empty();
    return new Options(
        mode,
        feed.has("maxDocuments") ? (int) positive(feed, "maxDocuments") : defaults.maxDocuments(),
        maxBytes,
        maxTotal,
        delay,
        keyEnv,
        feed.has("pageSize") ? (int) positive(feed, "pageSize") : defaults.pageSize());
  }

  private static long positive(JsonNode feed, String field) {
    JsonNode value = feed.path(field);
    if (!value.canConvertToLong() || value.asLong() < 1 || value.asLong() > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(field + " must be a positive whole number: " + value);
    }
    return value.asLong();
  }
}
