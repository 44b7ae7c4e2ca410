package io.ward.exposure.feeds;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ward.exposure.feeds.cyclonedx.PendingVex;
import io.ward.exposure.feeds.sync.CsafDiscovery;
import io.ward.exposure.feeds.sync.Download;
import io.ward.exposure.feeds.sync.NvdApiSync;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The offline knowledge cache: a directory holding one validated copy per feed ({@code
 * <kind>/<name>.<ext>}) with its fetch metadata ({@code .meta/<name>.json}: url, ETag,
 * Last-Modified, sha256, fetch time). {@link #sync} fetches with conditional requests and replaces
 * a copy only by an atomic move of a downloaded and validated file, so a failed or corrupt download
 * always leaves the last good copy in place. {@link #importDirectory} fills the store from files
 * carried in by hand (offline sites). {@link KnowledgeLoader} reads the store like any directory.
 *
 * <p>Two kinds of source are more than one file: a CSAF provider (provider-metadata.json or a ROLIE
 * feed), whose documents go to {@code csaf/<name>/} ({@link CsafDiscovery}), and the NVD CVE API
 * 2.0, whose pages go to {@code nvd/<name>/} ({@link NvdApiSync}).
 */
public final class FeedStore {

  /** Largest download accepted. */
  static final long MAX_DOWNLOAD_BYTES = 1024L * 1024 * 1024;

  private final Path root;
  private final HttpClient client;
  private final Clock clock;
  private final Function<String, Optional<String>> environment;

  /** A store at {@code root} with a default HTTP client. */
  public FeedStore(Path root) {
    this(
        root,
        HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build(),
        Clock.systemUTC());
  }

  /** A store at {@code root} fetching with {@code client} and stamping times from {@code clock}. */
  public FeedStore(Path root, HttpClient client, Clock clock) {
    this(root, client, clock, name -> Optional.ofNullable(System.getenv(name)));
  }

  /**
   * A store whose API keys are looked up in {@code environment} (the process environment by
   * default; tests give a map).
   */
  public FeedStore(
      Path root, HttpClient client, Clock clock, Function<String, Optional<String>> environment) {
    this.root = root;
    this.client = client;
    this.clock = clock;
    this.environment = environment;
  }

  /** The store directory. */
  public Path root() {
    return root;
  }

  /**
   * Copies every recognised knowledge file below {@code source} into the store (recursing), each
   * validated by reading it first; unrecognised or unusable files are reported and skipped (but a
   * CycloneDX BOM with a serial number is imported even when it lists no components and carries no
   * VEX analysis: as a newer revision it withdraws what an older copy said). A document found in
   * more than one file (the same source and id, or a CycloneDX VEX's serial number) is imported
   * from each, with a warning naming both files and saying which revision supersedes the other, as
   * a load says it; the VEX statements of the superseded copy are not counted among those waiting
   * for their SBOM.
   */
  public ImportReport importDirectory(Path source) throws IOException {
    List<Path> imported = new ArrayList<>();
    List<FeedProblem> problems = new ArrayList<>();
    // By document, so that of two copies of a VEX only the statements of the one used count.
    Map<String, List<PendingVex>> pending = new LinkedHashMap<>();
    NewestRevisions seen = new NewestRevisions();
    KnowledgeCollector listing = new KnowledgeCollector(false, LocalDate.now(clock));
    for (Path file : KnowledgeLoader.files(source, listing)) {
      if (Thread.currentThread().isInterrupted()) {
        problems.add(FeedProblem.warning(source, "interrupted; the rest was not imported"));
        break;
      }
      String name = file.getFileName().toString();
      if (name.matches(".*\\.(sha512|sha256|asc|sig|md5)$")) {
        continue;
      }
      KnowledgeCollector check = new KnowledgeCollector(true, LocalDate.now(clock));
      if (!KnowledgeLoader.checksumMatches(file, check)) {
        problems.addAll(check.problems());
        continue;
      }
      FeedKind kind = FeedSniffer.sniff(file);
      if (kind == FeedKind.UNKNOWN) {
        Optional<String> damage = FeedSniffer.damage(file);
        problems.add(
            damage.isPresent()
                ? FeedProblem.error(file, damage.get() + "; skipped")
                : FeedProblem.warning(file, "not a recognised knowledge file, skipped"));
        continue;
      }
      int items = check.read(file, kind);
      problems.addAll(check.problems());
      if (items == 0 && check.documents().isEmpty()) {
        problems.add(FeedProblem.error(file, "nothing usable in it, not imported"));
        continue;
      }
      if (items == 0) {
        // A CycloneDX BOM with a serial number but neither components nor VEX analyses: a revision
        // of that BOM, which withdraws what an older copy in the store listed or said.
        problems.add(
            FeedProblem.warning(
                file,
                "imported all the same: as "
                    + check.documents().get(0).id()
                    + " ("
                    + check.documents().get(0).revision().text()
                    + ") it withdraws what an older copy listed or said"));
      }
      Path target =
          root.resolve(kind.name().toLowerCase(Locale.ROOT)).resolve(source.relativize(file));
      Files.createDirectories(target.getParent());
      Path temp = tempFile(name);
      Files.copy(file, temp, StandardCopyOption.REPLACE_EXISTING);
      move(temp, target);
      imported.add(target);
      Map<String, List<PendingVex>> pendingHere = check.pendingVex();
      for (NewestRevisions.Copy d : check.documents()) {
        if (seen.offer(d, problems)) {
          pending.remove(d.key()); // the copy imported before is superseded
        } else {
          pendingHere.remove(d.key()); // this one is
        }
      }
      pending.putAll(pendingHere);
    }
    problems.addAll(listing.problems());
    int waiting = linkVex(pending.values().stream().flatMap(List::stream).toList(), problems);
    return new ImportReport(imported, problems, waiting);
  }

  /**
   * Checks the imported VEX statements that name their component by BOM-link against the SBOMs the
   * store now holds: one whose SBOM is there but does not list that component, or that names no
   * SBOM, gets its warning; one whose SBOM is not there is counted (returned), since {@code ward
   * vulns} applies it when given that SBOM.
   */
  private int linkVex(List<PendingVex> pending, List<FeedProblem> problems) {
    if (pending.isEmpty()) {
      return 0;
    }
    KnowledgeCollector held = new KnowledgeCollector(false, LocalDate.now(clock));
    Path sboms = root.resolve(FeedKind.CYCLONEDX.name().toLowerCase(Locale.ROOT));
    if (Files.isDirectory(sboms)) {
      KnowledgeLoader.readTree(sboms, held, FeedKind.CYCLONEDX);
    }
    int waiting = 0;
    for (PendingVex p : pending) {
      if (p.waitsForSbom(held.sboms())) {
        waiting++;
      } else {
        problems.addAll(p.resolve(held.sboms()).problems());
      }
    }
    return waiting;
  }

  /** Fetches every configured feed (conditionally); never throws for one feed's failure. */
  public SyncReport sync(FeedConfig config) throws InterruptedException {
    List<SyncReport.Outcome> outcomes = new ArrayList<>();
    for (FeedConfig.Source source : config.feeds()) {
      outcomes.add(sync(source, config));
    }
    return new SyncReport(outcomes);
  }

  private SyncReport.Outcome sync(FeedConfig.Source source, FeedConfig config)
      throws InterruptedException {
    if (source.isNvdApi()) {
      return new NvdApiSync(root, client, clock, config.timeout(), environment).sync(source);
    }
    if (discovers(source)) {
      Optional<SyncReport.Outcome> provider =
          new CsafDiscovery(root, client, clock, config.timeout()).sync(source);
      if (provider.isPresent()) {
        return provider.get();
      }
    }
    return syncFile(source, config);
  }

  /**
   * True when a CSAF source is read as a provider: always in DISCOVER mode; in AUTO mode unless the
   * URL already gave a single document (stored as one file), so a document is not fetched twice per
   * sync.
   */
  private boolean discovers(FeedConfig.Source source) {
    FeedConfig.Mode mode = source.options().mode();
    return source.kind() == FeedKind.CSAF
        && (mode == FeedConfig.Mode.DISCOVER
            || (mode == FeedConfig.Mode.AUTO && !Files.isRegularFile(target(source))));
  }

  private SyncReport.Outcome syncFile(FeedConfig.Source source, FeedConfig config)
      throws InterruptedException {
    Path target = target(source);
    Optional<Path> current = Files.isRegularFile(target) ? Optional.of(target) : Optional.empty();
    JsonNode meta = readMeta(source.name());
    Map<String, String> headers = new LinkedHashMap<>();
    if (current.isPresent()) {
      text(meta, "etag").ifPresent(e -> headers.put("If-None-Match", e));
      text(meta, "lastModified").ifPresent(m -> headers.put("If-Modified-Since", m));
    }
    Path temp = null;
    try {
      temp = tempFile(source.name());
      Download.Answer answer =
          Download.get(client, source.url(), config.timeout(), headers, temp, MAX_DOWNLOAD_BYTES);
      int status = answer.status();
      if (status == 304 && current.isPresent()) {
        return new SyncReport.Outcome(
            source.name(), SyncReport.Status.NOT_MODIFIED, current, Optional.empty());
      }
      if (!answer.ok()) {
        return failed(source, current, "HTTP " + status + " from " + source.url());
      }
      Optional<String> invalid = validate(temp, source.kind());
      if (invalid.isPresent()) {
        return failed(source, current, "download rejected: " + invalid.get());
      }
      Files.createDirectories(target.getParent());
      String sha256 = KnowledgeLoader.hash(temp, "SHA-256");
      move(temp, target);
      temp = null;
      writeMeta(source, answer, sha256);
      return new SyncReport.Outcome(
          source.name(), SyncReport.Status.UPDATED, Optional.of(target), Optional.empty());
    } catch (IOException e) {
      return failed(source, current, "fetch failed: " + e.getMessage());
    } finally {
      if (temp != null) {
        try {
          Files.deleteIfExists(temp);
        } catch (IOException e) {
          // a leftover temp file is hidden from the loader and replaced next time
        }
      }
    }
  }

  private SyncReport.Outcome failed(
      FeedConfig.Source source, Optional<Path> current, String message) {
    String kept = current.isPresent() ? "; last good copy kept" : "; no copy stored yet";
    return new SyncReport.Outcome(
        source.name(),
        SyncReport.Status.FAILED,
        current,
        Optional.of(FeedProblem.error(target(source), message + kept)));
  }

  /** Empty when the file holds usable data of the configured kind, else why not. */
  private Optional<String> validate(Path file, FeedKind kind) {
    FeedKind actual = FeedSniffer.sniff(file);
    if (actual != kind) {
      return Optional.of("expected " + kind + " but the content is " + actual);
    }
    KnowledgeCollector check = new KnowledgeCollector(false, LocalDate.now(clock));
    if (check.read(file, kind) == 0) {
      return Optional.of(
          "nothing usable: "
              + check.problems().stream().map(FeedProblem::message).findFirst().orElse("empty"));
    }
    return Optional.empty();
  }

  /** The stored copy of a feed: {@code <kind>/<name>.<ext>}, the extension taken from the URL. */
  Path target(FeedConfig.Source source) {
    String path =
        source.url().getPath() == null ? "" : source.url().getPath().toLowerCase(Locale.ROOT);
    String ext;
    if (path.endsWith(".csv.gz")) {
      ext = ".csv.gz";
    } else if (path.endsWith(".json.gz")) {
      ext = ".json.gz";
    } else if (path.endsWith(".xml")) {
      ext = ".xml";
    } else if (path.endsWith(".csv")) {
      ext = ".csv";
    } else {
      ext = source.kind() == FeedKind.EPSS ? ".csv.gz" : ".json";
    }
    return root.resolve(source.kind().name().toLowerCase(Locale.ROOT)).resolve(source.name() + ext);
  }

  private Path tempFile(String name) throws IOException {
    Path dir = root.resolve(".tmp");
    Files.createDirectories(dir);
    return Files.createTempFile(dir, name, ".part");
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (java.nio.file.AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private Path metaFile(String name) {
    return root.resolve(".meta").resolve(name + ".json");
  }

  /** The stored metadata of a feed (empty object when none). */
  public JsonNode readMeta(String name) {
    Path file = metaFile(name);
    try {
      return Files.isRegularFile(file) ? Json.read(file) : Json.mapper().createObjectNode();
    } catch (IOException e) {
      return Json.mapper().createObjectNode();
    }
  }

  private void writeMeta(FeedConfig.Source source, Download.Answer answer, String sha256)
      throws IOException {
    ObjectNode meta = Json.mapper().createObjectNode();
    meta.put("name", source.name());
    meta.put("kind", source.kind().name());
    meta.put("url", source.url().toString());
    answer.etag().ifPresent(e -> meta.put("etag", e));
    answer.lastModified().ifPresent(m -> meta.put("lastModified", m));
    meta.put("sha256", sha256);
    meta.put("fetchedAt", clock.instant().toString());
    Path file = metaFile(source.name());
    Files.createDirectories(file.getParent());
    Path temp = tempFile(source.name() + "-meta");
    Json.mapper().writerWithDefaultPrettyPrinter().writeValue(temp.toFile(), meta);
    move(temp, file);
  }

  private static Optional<String> text(JsonNode node, String field) {
    return Json.text(node, field);
  }
}
