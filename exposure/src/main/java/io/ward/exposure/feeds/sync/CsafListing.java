package io.ward.exposure.feeds.sync;

import com.fasterxml.jackson.databind.JsonNode;
import io.ward.exposure.feeds.FeedProblem;
import io.ward.exposure.feeds.Json;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The documents a CSAF provider lists (CSAF 2.0 §7.1): a provider-metadata.json's distributions,
 * each a ROLIE feed (entries' {@code content.src} or {@code self} link, with the {@code hash} link)
 * or a {@code directory_url} with {@code changes.csv} (newest first) or {@code index.txt}; or a
 * ROLIE feed given directly. Listing is reading only: nothing here is stored.
 */
final class CsafListing {

  /** Most ROLIE feeds followed from one provider-metadata.json. */
  static final int MAX_FEEDS = 64;

  /** Largest provider-metadata.json, ROLIE feed or index accepted. */
  static final long MAX_INDEX_BYTES = 64L * 1024 * 1024;

  /**
   * One listed document.
   *
   * @param url where it is
   * @param hash its {@code .sha256} / {@code .sha512} file, when the listing names one
   */
  record Document(URI url, Optional<URI> hash) {}

  /** Fetches an index file (200 only; anything else throws with the status). */
  interface Fetcher {
    Path fetch(URI url, long maxBytes) throws IOException, InterruptedException;
  }

  private final Fetcher fetcher;
  private final List<FeedProblem> problems;
  private final Map<URI, Document> documents = new LinkedHashMap<>();

  CsafListing(Fetcher fetcher, List<FeedProblem> problems) {
    this.fetcher = fetcher;
    this.problems = problems;
  }

  /** True when {@code root} is a provider-metadata.json. */
  static boolean isProviderMetadata(JsonNode root) {
    return root.path("distributions").isArray()
        || (root.has("canonical_url") && root.has("metadata_version"));
  }

  /** True when {@code root} is a ROLIE feed. */
  static boolean isRolieFeed(JsonNode root) {
    return root.path("feed").isObject();
  }

  /** Every distinct document listed, in listing order. */
  List<Document> list(URI url, JsonNode root) throws InterruptedException {
    if (isRolieFeed(root)) {
      rolie(url, root);
    } else {
      provider(url, root);
    }
    return List.copyOf(documents.values());
  }

  private void provider(URI url, JsonNode root) throws InterruptedException {
    List<JsonNode> distributions = Json.array(root, "distributions");
    if (distributions.isEmpty()) {
      problems.add(problem(url, "provider metadata lists no distributions"));
    }
    int feeds = 0;
    for (JsonNode distribution : distributions) {
      for (JsonNode feed : Json.array(distribution.path("rolie"), "feeds")) {
        Optional<URI> feedUrl = Json.text(feed, "url").flatMap(u -> resolve(url, u));
        if (feedUrl.isEmpty()) {
          problems.add(problem(url, "a ROLIE feed without a usable url, skipped"));
          continue;
        }
        if (++feeds > MAX_FEEDS) {
          problems.add(problem(url, "more than " + MAX_FEEDS + " ROLIE feeds; the rest skipped"));
          return;
        }
        try {
          rolie(feedUrl.get(), Json.read(fetcher.fetch(feedUrl.get(), MAX_INDEX_BYTES)));
        } catch (IOException e) {
          problems.add(problem(feedUrl.get(), "ROLIE feed not read: " + e.getMessage()));
        }
      }
      Optional<URI> directory =
          Json.text(distribution, "directory_url").flatMap(u -> resolve(url, slash(u)));
      if (directory.isPresent()) {
        directory(directory.get());
      }
    }
  }

  private void rolie(URI feedUrl, JsonNode root) {
    for (JsonNode entry : Json.array(root.path("feed"), "entry")) {
      Optional<String> self = Optional.empty();
      Optional<String> hash = Optional.empty();
      for (JsonNode link : Json.array(entry, "link")) {
        // CISA's feeds write "ref": "hash" where RFC 8322 says "rel"; take either.
        String rel = Json.text(link, "rel").orElse(Json.textOr(link, "ref", ""));
        Optional<String> href = Json.text(link, "href");
        if (rel.equals("self") && self.isEmpty()) {
          self = href;
        } else if (rel.equals("hash") && href.filter(CsafListing::isHashFile).isPresent()) {
          hash = prefer(hash, href.get());
        }
      }
      Optional<String> selfLink = self;
      Optional<String> src = Json.text(entry.path("content"), "src").or(() -> selfLink);
      Optional<URI> doc = src.flatMap(s -> resolve(feedUrl, s));
      if (doc.isEmpty()) {
        problems.add(problem(feedUrl, "an entry without a document link, skipped"));
        continue;
      }
      add(new Document(doc.get(), hash.flatMap(h -> resolve(feedUrl, h))));
    }
  }

  private void directory(URI directory) throws InterruptedException {
    List<String> paths;
    try {
      paths = changesCsv(fetcher.fetch(directory.resolve("changes.csv"), MAX_INDEX_BYTES));
    } catch (IOException e) {
      try {
        paths = lines(fetcher.fetch(directory.resolve("index.txt"), MAX_INDEX_BYTES));
      } catch (IOException again) {
        problems.add(
            problem(directory, "neither changes.csv nor index.txt read: " + again.getMessage()));
        return;
      }
    }
    for (String path : paths) {
      Optional<URI> doc = resolve(directory, path);
      if (doc.isEmpty() || !path.toLowerCase(Locale.ROOT).endsWith(".json")) {
        problems.add(problem(directory, "index line is not a .json document: " + path));
        continue;
      }
      // The hash beside each file may be .sha256 or .sha512 (§7.1.18); guessing would cost a
      // request per document, so only ROLIE-listed hashes are checked.
      add(new Document(doc.get(), Optional.empty()));
    }
  }

  private void add(Document document) {
    documents.putIfAbsent(document.url(), document);
  }

  private static List<String> changesCsv(Path file) throws IOException {
    List<String> paths = new ArrayList<>();
    for (String line : lines(file)) {
      String first = line.split(",", 2)[0].trim();
      paths.add(first.replace("\"", ""));
    }
    return paths;
  }

  private static List<String> lines(Path file) throws IOException {
    return Files.readAllLines(file, StandardCharsets.UTF_8).stream()
        .map(String::trim)
        .filter(l -> !l.isEmpty())
        .toList();
  }

  private static boolean isHashFile(String href) {
    String h = href.toLowerCase(Locale.ROOT);
    return h.endsWith(".sha512") || h.endsWith(".sha256");
  }

  /** SHA-512 over SHA-256 when a listing gives both. */
  private static Optional<String> prefer(Optional<String> current, String candidate) {
    return current.filter(c -> c.toLowerCase(Locale.ROOT).endsWith(".sha512")).isPresent()
        ? current
        : Optional.of(candidate);
  }

  private static String slash(String url) {
    return url.endsWith("/") ? url : url + "/";
  }

  /** {@code href} resolved against {@code base}, when it is an http(s) URL. */
  static Optional<URI> resolve(URI base, String href) {
    try {
      URI uri = base.resolve(href.trim());
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      return scheme.equals("http") || scheme.equals("https") ? Optional.of(uri) : Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  static FeedProblem problem(URI url, String message) {
    return new FeedProblem(url.toString(), FeedProblem.Severity.ERROR, Optional.empty(), message);
  }
}
