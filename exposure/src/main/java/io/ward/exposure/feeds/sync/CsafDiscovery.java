package io.ward.exposure.feeds.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ward.exposure.feeds.FeedConfig;
import io.ward.exposure.feeds.FeedProblem;
import io.ward.exposure.feeds.FeedResult;
import io.ward.exposure.feeds.Json;
import io.ward.exposure.feeds.KnowledgeLoader;
import io.ward.exposure.feeds.SyncReport;
import io.ward.exposure.feeds.csaf.CsafReader;
import io.ward.model.exposure.Advisory;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Syncs a CSAF provider: reads its provider-metadata.json (or a ROLIE feed), lists the documents
 * its distributions name, and fetches each conditionally (its own ETag / Last-Modified kept in
 * {@code .meta/<name>.json}) into {@code csaf/<name>/}. A document is stored only after its listed
 * hash matches and the CSAF reader (with the schema) gets an advisory from it; a document that
 * fails is reported by URL and the copy already held stays. At most {@code maxDocuments} documents
 * of at most {@code maxDocumentBytes} each are fetched per sync, so a hostile feed cannot fill the
 * disk. Documents a provider stops listing are kept (advisories are not withdrawn by omission).
 */
public final class CsafDiscovery {

  private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,150}");
  private static final long MAX_HASH_FILE_BYTES = 4096;

  private final Path root;

  /**
   * The caller's client without redirects: every URL a provider lists, and every redirect from it,
   * is checked before it is requested (see {@link Download#getChecked}).
   */
  private final HttpClient client;

  private final Clock clock;
  private final Duration timeout;
  private final StoreFiles files;

  /** A discovery writing below the store {@code root}. */
  public CsafDiscovery(Path root, HttpClient client, Clock clock, Duration timeout) {
    this.root = root;
    this.client = Download.withoutRedirects(client);
    this.clock = clock;
    this.timeout = timeout;
    this.files = new StoreFiles(root);
  }

  /** The directory holding a source's documents. */
  public static Path directory(Path root, FeedConfig.Source source) {
    return root.resolve("csaf").resolve(source.name());
  }

  /**
   * Syncs {@code source}; empty when its URL answers one CSAF document and the mode lets the caller
   * store it as a single file.
   */
  public Optional<SyncReport.Outcome> sync(FeedConfig.Source source) throws InterruptedException {
    List<Path> temps = new ArrayList<>();
    try {
      return run(source, temps);
    } finally {
      temps.forEach(StoreFiles::deleteQuietly);
    }
  }

  private Optional<SyncReport.Outcome> run(FeedConfig.Source source, List<Path> temps)
      throws InterruptedException {
    Pacer pacer = new Pacer(source.options().requestDelay().orElse(Duration.ZERO));
    CsafListing.Fetcher fetcher = (url, max) -> fetchIndex(source.url(), url, max, pacer, temps);
    JsonNode index;
    try {
      index = Json.read(fetcher.fetch(source.url(), CsafListing.MAX_INDEX_BYTES));
    } catch (IOException e) {
      return Optional.of(failed(source, "provider not read: " + e.getMessage()));
    }
    if (CsafReader.looksLikeCsaf(index) && source.options().mode() != FeedConfig.Mode.DISCOVER) {
      return Optional.empty();
    }
    if (!CsafListing.isProviderMetadata(index) && !CsafListing.isRolieFeed(index)) {
      return Optional.of(failed(source, "not a CSAF provider-metadata.json or ROLIE feed"));
    }
    List<FeedProblem> details = new ArrayList<>();
    List<CsafListing.Document> listed = new CsafListing(fetcher, details).list(source.url(), index);
    int limit = source.options().maxDocuments();
    if (listed.size() > limit) {
      details.add(
          CsafListing.problem(
              source.url(),
              "the provider lists "
                  + listed.size()
                  + " documents, more than maxDocuments "
                  + limit
                  + "; only the first "
                  + limit
                  + " were fetched (raise maxDocuments for this feed to take more)"));
    }
    ObjectNode meta = readMeta(source);
    ObjectNode held = (ObjectNode) meta.get("documents");
    Map<String, String> taken = new HashMap<>();
    held.fields().forEachRemaining(e -> taken.put(e.getValue().path("file").asText(), e.getKey()));
    Map<Result, Integer> counts = new LinkedHashMap<>();
    long storedBytes = 0;
    for (CsafListing.Document doc : listed.subList(0, Math.min(limit, listed.size()))) {
      if (Thread.currentThread().isInterrupted()) {
        details.add(CsafListing.problem(source.url(), "interrupted; the rest was not fetched"));
        break;
      }
      if (storedBytes >= source.options().maxTotalBytes()) {
        details.add(
            CsafListing.problem(
                source.url(),
                "stopped after storing "
                    + storedBytes
                    + " bytes, the maxTotalMegabytes of this feed; the rest waits for the next"
                    + " sync"));
        break;
      }
      Result result = document(source, doc, held, taken, pacer, details, temps);
      counts.merge(result, 1, Integer::sum);
      if (result == Result.UPDATED) {
        storedBytes += held.path(doc.url().toString()).path("bytes").asLong();
      }
    }
    meta.put("syncedAt", clock.instant().toString());
    try {
      files.writeJson(meta, files.meta(source.name()));
    } catch (IOException e) {
      details.add(CsafListing.problem(source.url(), "metadata not written: " + e.getMessage()));
    }
    return Optional.of(outcome(source, listed.size(), counts, details));
  }

  private enum Result {
    UPDATED,
    NOT_MODIFIED,
    FAILED
  }

  private Result document(
      FeedConfig.Source source,
      CsafListing.Document doc,
      ObjectNode held,
      Map<String, String> taken,
      Pacer pacer,
      List<FeedProblem> details,
      List<Path> temps)
      throws InterruptedException {
    String key = doc.url().toString();
    JsonNode old = held.path(key);
    String name = fileName(doc.url(), old, taken);
    Path target = directory(root, source).resolve(name);
    boolean have = Files.isRegularFile(target);
    Map<String, String> headers = new LinkedHashMap<>();
    if (have) {
      Json.text(old, "etag").ifPresent(e -> headers.put("If-None-Match", e));
      Json.text(old, "lastModified").ifPresent(m -> headers.put("If-Modified-Since", m));
    }
    Optional<String> refused = ListedUrls.refused(source.url(), doc.url());
    if (refused.isPresent()) {
      return fail(doc.url(), refused.get(), have, details);
    }
    try {
      Path temp = files.temp("csaf");
      temps.add(temp);
      pacer.await();
      Download.Answer answer =
          Download.getChecked(
              client,
              doc.url(),
              timeout,
              headers,
              temp,
              source.options().maxDocumentBytes(),
              u -> ListedUrls.refused(source.url(), u));
      if (answer.status() == 304 && have) {
        return Result.NOT_MODIFIED;
      }
      if (!answer.ok()) {
        return fail(doc.url(), "HTTP " + answer.status(), have, details);
      }
      String sha256 = KnowledgeLoader.hash(temp, "SHA-256");
      Optional<String> bad = checkHash(doc, temp, sha256, source, pacer, temps);
      if (bad.isEmpty()) {
        bad = checkDocument(temp);
      }
      if (bad.isPresent()) {
        return fail(doc.url(), bad.get(), have, details);
      }
      StoreFiles.move(temp, target);
      ObjectNode entry = held.putObject(key);
      entry.put("file", name);
      answer.etag().ifPresent(e -> entry.put("etag", e));
      answer.lastModified().ifPresent(m -> entry.put("lastModified", m));
      entry.put("sha256", sha256);
      entry.put("bytes", Files.size(target));
      entry.put("fetchedAt", clock.instant().toString());
      taken.put(name, key);
      return Result.UPDATED;
    } catch (IOException e) {
      return fail(doc.url(), "download failed: " + e.getMessage(), have, details);
    }
  }

  /**
   * Empty when the listing names no hash or the document matches it, else why not.
   *
   * @param sha256 the document's SHA-256, already computed for the store's metadata
   */
  private Optional<String> checkHash(
      CsafListing.Document doc,
      Path body,
      String sha256,
      FeedConfig.Source source,
      Pacer pacer,
      List<Path> temps)
      throws IOException, InterruptedException {
    if (doc.hash().isEmpty()) {
      return Optional.empty();
    }
    URI hashUrl = doc.hash().get();
    Path sum = fetchIndex(source.url(), hashUrl, MAX_HASH_FILE_BYTES, pacer, temps);
    String[] fields = Files.readString(sum).trim().split("\\s+");
    boolean sha512 = hashUrl.getPath().toLowerCase(Locale.ROOT).endsWith(".sha512");
    String actual = sha512 ? KnowledgeLoader.hash(body, "SHA-512") : sha256;
    return fields.length > 0 && actual.equalsIgnoreCase(fields[0])
        ? Optional.empty()
        : Optional.of("does not match its hash file " + hashUrl);
  }

  /** Empty when the CSAF reader (schema on) gets an advisory from the file, else why not. */
  private static Optional<String> checkDocument(Path file) {
    FeedResult<Advisory> read = new CsafReader(true).read(file);
    if (!read.items().isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        "not a usable CSAF document: "
            + read.problems().stream()
                .filter(FeedProblem::isError)
                .map(p -> p.location().map(l -> l + " ").orElse("") + p.message())
                .findFirst()
                .orElse("no advisory in it"));
  }

  private static Result fail(URI url, String why, boolean have, List<FeedProblem> details) {
    details.add(
        CsafListing.problem(
            url, why + (have ? "; the copy held is kept" : "; not stored (none held yet)")));
    return Result.FAILED;
  }

  /** The file name of a document: its URL's last segment, made safe and unique in the source. */
  private static String fileName(URI url, JsonNode old, Map<String, String> taken) {
    Optional<String> known = Json.text(old, "file").filter(n -> SAFE_NAME.matcher(n).matches());
    if (known.isPresent()) {
      return known.get();
    }
    String path = url.getPath() == null ? "" : url.getPath();
    String last = path.substring(path.lastIndexOf('/') + 1).replaceAll("[^A-Za-z0-9._-]", "_");
    if (last.isEmpty() || last.startsWith(".")) {
      last = "_" + last;
    }
    if (!last.toLowerCase(Locale.ROOT).endsWith(".json")) {
      last = last + ".json";
    }
    if (last.length() > 120) {
      last = last.substring(last.length() - 120);
    }
    String owner = taken.get(last);
    if (owner != null && !owner.equals(url.toString())) {
      last = Integer.toHexString(url.toString().hashCode()) + "-" + last;
    }
    return last;
  }

  private Path fetchIndex(URI origin, URI url, long maxBytes, Pacer pacer, List<Path> temps)
      throws IOException, InterruptedException {
    Optional<String> refused = ListedUrls.refused(origin, url);
    if (refused.isPresent()) {
      throw new IOException(refused.get());
    }
    Path temp = files.temp("csaf-index");
    temps.add(temp);
    pacer.await();
    Download.Answer answer =
        Download.getChecked(
            client, url, timeout, Map.of(), temp, maxBytes, u -> ListedUrls.refused(origin, u));
    if (!answer.ok()) {
      throw new IOException("HTTP " + answer.status() + " from " + url);
    }
    return temp;
  }

  /** The source's metadata, with the documents fetched so far ({@code documents}). */
  private ObjectNode readMeta(FeedConfig.Source source) {
    ObjectNode meta = files.readMeta(source, FeedConfig.Mode.DISCOVER);
    if (!meta.path("documents").isObject()) {
      meta.putObject("documents");
    }
    return meta;
  }

  private SyncReport.Outcome outcome(
      FeedConfig.Source source,
      int listed,
      Map<Result, Integer> counts,
      List<FeedProblem> details) {
    int updated = counts.getOrDefault(Result.UPDATED, 0);
    int current = counts.getOrDefault(Result.NOT_MODIFIED, 0);
    int failed = counts.getOrDefault(Result.FAILED, 0);
    String summary =
        listed
            + " documents listed: "
            + updated
            + " updated, "
            + current
            + " not modified, "
            + failed
            + " failed";
    SyncReport.Status status =
        updated > 0
            ? SyncReport.Status.UPDATED
            : current > 0 || (failed == 0 && details.isEmpty())
                ? SyncReport.Status.NOT_MODIFIED
                : SyncReport.Status.FAILED;
    Optional<FeedProblem> problem =
        details.isEmpty()
            ? Optional.empty()
            : Optional.of(
                CsafListing.problem(
                    source.url(),
                    summary
                        + "; "
                        + details.size()
                        + " problems (each names its URL); copies held are kept"));
    Path dir = directory(root, source);
    return new SyncReport.Outcome(
        source.name(),
        status,
        Files.isDirectory(dir) ? Optional.of(dir) : Optional.empty(),
        problem,
        details,
        Optional.of(summary));
  }

  private SyncReport.Outcome failed(FeedConfig.Source source, String why) {
    Path dir = directory(root, source);
    boolean have = Files.isDirectory(dir);
    FeedProblem problem =
        CsafListing.problem(
            source.url(), why + (have ? "; documents held are kept" : "; nothing stored yet"));
    return new SyncReport.Outcome(
        source.name(),
        SyncReport.Status.FAILED,
        have ? Optional.of(dir) : Optional.empty(),
        Optional.of(problem),
        List.of(problem),
        Optional.empty());
  }
}
