package io.ward.exposure.feeds.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ward.exposure.feeds.FeedConfig;
import io.ward.exposure.feeds.FeedProblem;
import io.ward.exposure.feeds.Json;
import io.ward.exposure.feeds.SyncReport;
import io.ward.exposure.feeds.nvd.NvdReader;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Syncs the NVD CVE API 2.0 into {@code nvd/<name>/page-NNNNN.json}, pages the NVD reader loads as
 * they are. The first sync pages through the whole answer ({@code startIndex} until {@code
 * totalResults}) into a staging directory that replaces the pages held only once every page came;
 * later syncs ask only for CVEs modified since the last successful sync began ({@code
 * lastModStartDate}/{@code lastModEndDate} windows of at most 120 days, NVD's limit) and replace
 * those CVEs in the pages held, so each CVE is stored once. Requests are spaced by the configured
 * delay; the API key, read from the environment variable the configuration names, goes in the
 * {@code apiKey} header only, never into a URL, a file or a report.
 */
public final class NvdApiSync {

  /** NVD's longest lastModStartDate…lastModEndDate range. */
  public static final Duration MAX_WINDOW = Duration.ofDays(120);

  /** NVD's rate without a key: 5 requests per 30 s. */
  static final Duration DELAY_WITHOUT_KEY = Duration.ofSeconds(6);

  /** NVD's rate with a key: 50 requests per 30 s. */
  static final Duration DELAY_WITH_KEY = Duration.ofMillis(600);

  private static final DateTimeFormatter NVD_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSxxx").withZone(ZoneOffset.UTC);

  private final Path root;
  private final HttpClient client;
  private final Clock clock;
  private final Duration timeout;
  private final Function<String, Optional<String>> environment;
  private final StoreFiles files;

  /** A sync writing below the store {@code root}; {@code environment} looks up the API key. */
  public NvdApiSync(
      Path root,
      HttpClient client,
      Clock clock,
      Duration timeout,
      Function<String, Optional<String>> environment) {
    this.root = root;
    this.client = client;
    this.clock = clock;
    this.timeout = timeout;
    this.environment = environment;
    this.files = new StoreFiles(root);
  }

  private HttpClient keyedClient;

  /**
   * The client for requests carrying the API key: it follows no redirect, since the JDK's client
   * sends the request's headers again to wherever a redirect points, and the key must reach NVD's
   * host only. A redirect then fails the sync with its status, naming the URL.
   */
  private synchronized HttpClient keyed() {
    if (keyedClient == null) {
      keyedClient =
          HttpClient.newBuilder()
              .followRedirects(HttpClient.Redirect.NEVER)
              .connectTimeout(timeout)
              .build();
    }
    return keyedClient;
  }

  /** The directory holding a source's pages. */
  public static Path directory(Path root, FeedConfig.Source source) {
    return root.resolve("nvd").resolve(source.name());
  }

  /** One page as it arrived: its parsed JSON and its file (a temp file the consumer may move). */
  private interface PageConsumer {
    void accept(int index, Path file, JsonNode page) throws IOException;
  }

  /** Syncs {@code source}; never throws for the source's failure. */
  public SyncReport.Outcome sync(FeedConfig.Source source) throws InterruptedException {
    List<FeedProblem> details = new ArrayList<>();
    FeedConfig.Options options = source.options();
    Optional<String> key = options.apiKeyEnv().flatMap(environment).filter(k -> !k.isBlank());
    if (options.apiKeyEnv().isPresent() && key.isEmpty()) {
      details.add(
          new FeedProblem(
              source.url().toString(),
              FeedProblem.Severity.WARNING,
              Optional.empty(),
              "environment variable "
                  + options.apiKeyEnv().get()
                  + " is not set; fetching without an API key (NVD allows fewer requests)"));
    }
    Duration delay =
        options.requestDelay().orElse(key.isPresent() ? DELAY_WITH_KEY : DELAY_WITHOUT_KEY);
    Requests requests = new Requests(source, key, new Pacer(delay));
    ObjectNode meta = files.readMeta(source, FeedConfig.Mode.API);
    Path dir = directory(root, source);
    Optional<Instant> last =
        Files.isDirectory(dir)
            ? Json.instant(Json.text(meta, "lastSyncStart"))
            : Optional.<Instant>empty();
    Instant started = clock.instant();
    List<Path> temps = new ArrayList<>();
    try {
      Done done =
          last.isPresent()
              ? incremental(requests, dir, last.get(), started, temps)
              : full(requests, dir, temps);
      meta.put("lastSyncStart", started.toString());
      meta.put("summary", done.summary());
      files.writeJson(meta, files.meta(source.name()));
      return new SyncReport.Outcome(
          source.name(),
          done.changed() ? SyncReport.Status.UPDATED : SyncReport.Status.NOT_MODIFIED,
          Optional.of(dir),
          details.stream().findFirst(),
          details,
          Optional.of(done.summary()));
    } catch (IOException e) {
      boolean have = Files.isDirectory(dir);
      FeedProblem problem =
          new FeedProblem(
              source.url().toString(),
              FeedProblem.Severity.ERROR,
              Optional.empty(),
              e.getMessage() + (have ? "; the pages held are kept" : "; nothing stored yet"));
      details.add(problem);
      return new SyncReport.Outcome(
          source.name(),
          SyncReport.Status.FAILED,
          have ? Optional.of(dir) : Optional.empty(),
          Optional.of(problem),
          details,
          Optional.empty());
    } finally {
      temps.forEach(StoreFiles::deleteQuietly);
    }
  }

  /** What a sync run did: whether the pages held changed, and a line for a person. */
  private record Done(boolean changed, String summary) {}

  private Done full(Requests requests, Path dir, List<Path> temps)
      throws IOException, InterruptedException {
    Path staging = files.tempDirectory("nvd-staging");
    temps.add(staging);
    int[] cves = {0};
    int pages =
        requests.pages(
            Map.of(),
            temps,
            (index, file, page) -> {
              cves[0] += page.path("vulnerabilities").size();
              StoreFiles.move(file, staging.resolve(pageName(index)));
            });
    if (Files.isDirectory(dir)) {
      Path old = files.tempDirectory("nvd-old");
      temps.add(old);
      StoreFiles.move(dir, old.resolve("pages"));
    }
    StoreFiles.move(staging, dir);
    return new Done(true, cves[0] + " CVEs in " + pages + " pages (full sync)");
  }

  private Done incremental(
      Requests requests, Path dir, Instant since, Instant until, List<Path> temps)
      throws IOException, InterruptedException {
    Map<String, JsonNode> changed = new LinkedHashMap<>();
    int windows = 0;
    for (Instant from = since; from.isBefore(until); from = from.plus(MAX_WINDOW)) {
      Instant to = from.plus(MAX_WINDOW).isBefore(until) ? from.plus(MAX_WINDOW) : until;
      windows++;
      Map<String, String> window = new LinkedHashMap<>();
      window.put("lastModStartDate", NVD_TIME.format(from));
      window.put("lastModEndDate", NVD_TIME.format(to));
      requests.pages(
          window,
          temps,
          (index, file, page) -> {
            for (JsonNode item : page.path("vulnerabilities")) {
              Json.text(item.path("cve"), "id").ifPresent(id -> changed.put(id, item));
            }
          });
    }
    int total = changed.size();
    int added = merge(dir, changed, requests.source.options().pageSize());
    return new Done(
        total > 0,
        total
            + " CVEs changed since "
            + since
            + " ("
            + (total - added)
            + " replaced, "
            + added
            + " new; "
            + windows
            + " windows)");
  }

  /**
   * Replaces the changed CVEs in the pages held and writes the new ones into new pages; returns how
   * many were new. Each page is rewritten atomically; if the sync stops half way, the last sync
   * time is not advanced, so the next sync asks for the same changes again.
   */
  private int merge(Path dir, Map<String, JsonNode> changed, int pageSize) throws IOException {
    List<Path> pages;
    try (Stream<Path> list = Files.list(dir)) {
      pages =
          list.filter(p -> p.getFileName().toString().matches("page-\\d+\\.json"))
              .sorted()
              .toList();
    }
    for (Path file : pages) {
      if (changed.isEmpty()) {
        break;
      }
      JsonNode page = Json.read(file);
      if (!(page.path("vulnerabilities") instanceof ArrayNode items)) {
        continue;
      }
      boolean touched = false;
      for (int i = 0; i < items.size(); i++) {
        Optional<String> id = Json.text(items.get(i).path("cve"), "id");
        JsonNode newer = id.map(changed::remove).orElse(null);
        if (newer != null) {
          items.set(i, newer);
          touched = true;
        }
      }
      if (touched) {
        files.writeJson(page, file);
      }
    }
    int added = changed.size();
    List<JsonNode> rest = new ArrayList<>(changed.values());
    int next = pages.size();
    for (int from = 0; from < rest.size(); from += pageSize) {
      List<JsonNode> chunk = rest.subList(from, Math.min(rest.size(), from + pageSize));
      ObjectNode page = Json.mapper().createObjectNode();
      page.put("resultsPerPage", chunk.size());
      page.put("startIndex", 0);
      page.put("totalResults", chunk.size());
      page.put("format", "NVD_CVE");
      page.put("version", "2.0");
      page.put("timestamp", clock.instant().toString());
      page.putArray("vulnerabilities").addAll(chunk);
      Path target = dir.resolve(pageName(next++));
      while (Files.exists(target)) {
        target = dir.resolve(pageName(next++));
      }
      files.writeJson(page, target);
    }
    return added;
  }

  private static String pageName(int index) {
    return String.format(java.util.Locale.ROOT, "page-%05d.json", index);
  }

  /** The paged requests of one source. */
  private final class Requests {
    private final FeedConfig.Source source;
    private final Optional<String> key;
    private final Pacer pacer;

    Requests(FeedConfig.Source source, Optional<String> key, Pacer pacer) {
      this.source = source;
      this.key = key;
      this.pacer = pacer;
    }

    /** Pages through one query until totalResults; returns the number of pages. */
    int pages(Map<String, String> query, List<Path> temps, PageConsumer consumer)
        throws IOException, InterruptedException {
      FeedConfig.Options options = source.options();
      Map<String, String> headers = key.map(k -> Map.of("apiKey", k)).orElse(Map.of());
      int start = 0;
      int index = 0;
      long bytes = 0;
      int total;
      do {
        if (index >= options.maxDocuments()) {
          throw new IOException(
              "more than maxDocuments ("
                  + options.maxDocuments()
                  + ") pages; narrow the query or raise maxDocuments for this feed");
        }
        Map<String, String> params = new LinkedHashMap<>(query);
        params.put("startIndex", Integer.toString(start));
        params.put("resultsPerPage", Integer.toString(options.pageSize()));
        URI url = withQuery(source.url(), params);
        Path temp = files.temp("nvd-page");
        temps.add(temp);
        pacer.await();
        Download.Answer answer =
            Download.get(
                headers.isEmpty() ? client : keyed(),
                url,
                timeout,
                headers,
                temp,
                options.maxDocumentBytes());
        if (!answer.ok()) {
          throw new IOException("HTTP " + answer.status() + " from " + url);
        }
        bytes += Files.size(temp);
        if (bytes > options.maxTotalBytes()) {
          throw new IOException(
              "the answer passes maxTotalMegabytes ("
                  + options.maxTotalBytes() / (1024 * 1024)
                  + " MB); narrow the query or raise the limit for this feed");
        }
        JsonNode page = Json.read(temp);
        if (!page.path("totalResults").canConvertToInt()
            || !page.path("vulnerabilities").isArray()
            || (page.path("vulnerabilities").size() > 0 && !NvdReader.looksLikeNvd(page))) {
          throw new IOException("not an NVD CVE API 2.0 answer: " + url);
        }
        total = page.path("totalResults").asInt();
        int count = page.path("vulnerabilities").size();
        if (count == 0 && start < total) {
          throw new IOException(
              "an empty page at startIndex " + start + " of " + total + " results: " + url);
        }
        consumer.accept(index, temp, page);
        start += count;
        index++;
      } while (start < total);
      return index;
    }
  }

  /** {@code base} with {@code params} appended to its query (the configured filters stay). */
  static URI withQuery(URI base, Map<String, String> params) {
    StringBuilder url = new StringBuilder(base.toString());
    int hash = url.indexOf("#");
    if (hash >= 0) {
      url.setLength(hash);
    }
    char sep = base.getRawQuery() == null ? '?' : '&';
    for (Map.Entry<String, String> p : params.entrySet()) {
      url.append(sep)
          .append(p.getKey())
          .append('=')
          .append(URLEncoder.encode(p.getValue(), StandardCharsets.UTF_8));
      sep = '&';
    }
    return URI.create(url.toString());
  }
}
