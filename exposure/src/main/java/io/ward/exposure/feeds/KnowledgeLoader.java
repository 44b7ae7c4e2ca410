package io.ward.exposure.feeds;

import io.ward.exposure.feeds.cmdb.CmdbMapping;
import io.ward.exposure.feeds.cmdb.CmdbReader;
import io.ward.model.exposure.CmdbAsset;
import io.ward.model.exposure.Sbom;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The facade the CLI and server call: reads every knowledge source a {@link LoadRequest} names,
 * recognising each file's kind by content, and returns everything valid with every problem. A bad
 * file never stops the load; each problem names its file.
 */
public final class KnowledgeLoader {

  /** Deepest directory level searched below a given directory. */
  private static final int MAX_DEPTH = 16;

  /** Files read as the checksum or signature of their neighbour, never as feeds. */
  private static final Set<String> COMPANIONS = Set.of("sha512", "sha256", "asc", "sig", "md5");

  private KnowledgeLoader() {}

  /** Reads everything {@code request} names. */
  public static ExposureKnowledge load(LoadRequest request) {
    return read(request).build();
  }

  /**
   * Reads each request apart, as {@link #load(LoadRequest)} does, and puts what they read together:
   * a document two requests read (same source and id) is kept once, its newest revision, with a
   * warning naming both files. A CycloneDX VEX statement that names its component by BOM-link finds
   * it in the SBOMs of every request and of {@code held} (SBOMs read before, which are not part of
   * the result): a VEX need not arrive with the SBOM it is about.
   */
  public static ExposureKnowledge load(List<LoadRequest> requests, List<Sbom> held) {
    List<KnowledgeCollector> read = requests.stream().map(KnowledgeLoader::read).toList();
    if (read.isEmpty()) {
      return new ExposureKnowledge(
          List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(),
          List.of());
    }
    KnowledgeCollector all = read.get(0);
    read.subList(1, read.size()).forEach(all::absorb);
    List<Sbom> linkable = new ArrayList<>(held);
    linkable.addAll(all.sboms());
    return all.build(linkable);
  }

  private static KnowledgeCollector read(LoadRequest request) {
    KnowledgeCollector collector =
        new KnowledgeCollector(request.validateCsaf(), request.epssDate());
    request.feedsDir().ifPresent(dir -> readTree(dir, collector, null));
    request.sboms().forEach(path -> readPath(path, collector, FeedKind.CYCLONEDX));
    request.mds2Dir().ifPresent(dir -> readTree(dir, collector, FeedKind.MDS2));
    request.cmdbFile().ifPresent(file -> readCmdb(file, request.mapping(), collector));
    return collector;
  }

  /**
   * Reads {@code path}, a file or every file below a directory, as {@link #readTree} does; a path
   * that is neither is an error naming it, and the rest of the load goes on.
   */
  static void readPath(Path path, KnowledgeCollector collector, FeedKind expected) {
    if (Files.isRegularFile(path)) {
      readFile(path, collector, expected);
    } else if (Files.isDirectory(path)) {
      readTree(path, collector, expected);
    } else {
      collector.problem(
          FeedProblem.error(
              path,
              Files.exists(path) ? "neither a file nor a directory" : "no such file or directory"));
    }
  }

  /**
   * Reads every file below {@code dir}; {@code expected} (when not null) is the only kind wanted
   * there, other kinds are reported.
   */
  static void readTree(Path dir, KnowledgeCollector collector, FeedKind expected) {
    if (!Files.isDirectory(dir)) {
      collector.problem(FeedProblem.error(dir, "not a directory"));
      return;
    }
    for (Path file : files(dir, collector)) {
      if (Thread.currentThread().isInterrupted()) {
        collector.problem(FeedProblem.warning(dir, "interrupted; the rest was not read"));
        return;
      }
      if (!COMPANIONS.contains(extension(file))) {
        readFile(file, collector, expected);
      }
    }
  }

  /** Reads one file, checked against its checksum file when it has one, as {@link #readTree}. */
  private static void readFile(Path file, KnowledgeCollector collector, FeedKind expected) {
    if (!checksumMatches(file, collector)) {
      return;
    }
    FeedKind kind = FeedSniffer.sniff(file);
    if (kind == FeedKind.UNKNOWN && expected != null) {
      // In a directory of one kind, an unrecognised file gets that kind's reader and its
      // precise complaint ("not a readable MDS2 workbook …").
      kind = expected;
    }
    boolean wanted =
        expected == null
            || kind == expected
            || (expected == FeedKind.CYCLONEDX && kind == FeedKind.CSAF);
    Optional<String> damage =
        kind == FeedKind.UNKNOWN ? FeedSniffer.damage(file) : Optional.empty();
    if (damage.isPresent()) {
      collector.problem(FeedProblem.error(file, damage.get() + "; skipped"));
      return;
    }
    if (kind == FeedKind.UNKNOWN || !wanted) {
      collector.problem(
          FeedProblem.warning(
              file,
              kind == FeedKind.UNKNOWN
                  ? "not a recognised knowledge file, skipped"
                  : "a " + kind + " file where " + expected + " files are expected, skipped"));
      return;
    }
    collector.read(file, kind);
  }

  /** Regular, non-hidden files below {@code dir}, sorted for a stable order. */
  static List<Path> files(Path dir, KnowledgeCollector collector) {
    try (Stream<Path> walk = Files.walk(dir, MAX_DEPTH)) {
      return walk.filter(Files::isRegularFile)
          .filter(p -> !hidden(dir.relativize(p)))
          .sorted()
          .toList();
    } catch (IOException | java.io.UncheckedIOException e) {
      collector.problem(FeedProblem.error(dir, "cannot list directory: " + e.getMessage()));
      return List.of();
    }
  }

  private static boolean hidden(Path relative) {
    for (Path part : relative) {
      if (part.toString().startsWith(".")) {
        return true;
      }
    }
    return false;
  }

  /** Verifies {@code file} against a {@code file.sha512} / {@code file.sha256} beside it. */
  static boolean checksumMatches(Path file, KnowledgeCollector collector) {
    for (String algorithm : List.of("sha512", "sha256")) {
      Path sum = file.resolveSibling(file.getFileName() + "." + algorithm);
      if (!Files.isRegularFile(sum)) {
        continue;
      }
      try {
        String expected = Files.readString(sum).trim().split("\\s+")[0];
        String actual = hash(file, algorithm.equals("sha512") ? "SHA-512" : "SHA-256");
        if (!actual.equalsIgnoreCase(expected)) {
          collector.problem(
              FeedProblem.error(file, "does not match its " + sum.getFileName() + ", skipped"));
          return false;
        }
      } catch (IOException | RuntimeException e) {
        collector.problem(FeedProblem.warning(file, "checksum file unreadable: " + e.getMessage()));
      }
    }
    return true;
  }

  /** The hex digest of a file. */
  public static String hash(Path file, String algorithm) throws IOException {
    try {
      MessageDigest digest = MessageDigest.getInstance(algorithm);
      try (var in = new java.security.DigestInputStream(Files.newInputStream(file), digest)) {
        in.transferTo(java.io.OutputStream.nullOutputStream());
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(algorithm + " missing from the JDK", e);
    }
  }

  private static String extension(Path file) {
    String name = file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
  }

  private static void readCmdb(
      Path file, Optional<CmdbMapping> mapping, KnowledgeCollector collector) {
    collector.addCmdb(readCmdb(file, mapping));
  }

  /**
   * Reads a CMDB export with its column mapping (the ServiceNow sample, with a warning, when none
   * is given): every asset read and every problem.
   */
  public static FeedResult<CmdbAsset> readCmdb(Path file, Optional<CmdbMapping> mapping) {
    if (mapping.isPresent()) {
      return new CmdbReader(mapping.get()).read(file);
    }
    CmdbMapping columns;
    try {
      columns = CmdbMapping.sample("servicenow");
    } catch (IOException e) {
      return FeedResult.failed(FeedProblem.error(file, "no column mapping: " + e.getMessage()));
    }
    FeedResult<CmdbAsset> read = new CmdbReader(columns).read(file);
    List<FeedProblem> problems = new java.util.ArrayList<>();
    problems.add(
        FeedProblem.warning(file, "no column mapping given; read with the ServiceNow sample"));
    problems.addAll(read.problems());
    return new FeedResult<>(read.items(), problems);
  }
}
