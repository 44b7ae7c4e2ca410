package io.ward.server.exposure;

import io.ward.exposure.feeds.ExposureKnowledge;
import io.ward.exposure.feeds.FeedProblem;
import io.ward.exposure.feeds.KnowledgeLoader;
import io.ward.exposure.feeds.LoadRequest;
import io.ward.exposure.feeds.cmdb.CmdbMapping;
import io.ward.model.exposure.Advisory;
import io.ward.model.exposure.KevEntry;
import io.ward.model.exposure.Sbom;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reads advisory feeds (CSAF, NVD, CVE 5, KEV, EPSS, recalls) through the exposure module's {@link
 * KnowledgeLoader}, and stores advisories and KEV entries. Reading never touches the store.
 */
@Service
public class KnowledgeImporter {
  private final JdbcClient jdbc;
  private final KnowledgeCache held;
  private final Clock clock = Clock.systemUTC();

  KnowledgeImporter(JdbcClient jdbc, KnowledgeCache held) {
    this.jdbc = jdbc;
    this.held = held;
  }

  /** Jackson's location in a parse error's message. */
  private static final Pattern JSON_LOCATION =
      Pattern.compile("\\s*(?:at )?\\[Source: [^\\]]*?; line: (\\d+), column: (\\d+)\\]");

  /** The kinds of knowledge file read. */
  public enum Source {
    /** Advisories, KEV, EPSS, recalls, VEX. */
    FEEDS,
    /** CycloneDX SBOMs (and VEX). */
    SBOM,
    /** MDS2 forms. */
    MDS2,
    /** A CMDB/CMMS CSV export. */
    CMDB
  }

  /** What a read gave. */
  public record Loaded(ExposureKnowledge knowledge, Source source) {

    /**
     * True when nothing usable of the expected kind was read. A CycloneDX BOM with a serial number
     * counts even when it lists no components and carries no VEX analysis: as a newer revision it
     * withdraws what an older copy listed or said.
     */
    public boolean isEmpty() {
      ExposureKnowledge k = knowledge;
      switch (source) {
        case SBOM:
          return k.sboms().isEmpty() && k.vex().isEmpty() && k.bomSerials().isEmpty();
        case MDS2:
          return k.mds2().isEmpty();
        case CMDB:
          return k.cmdb().isEmpty();
        default:
          return k.advisories().isEmpty()
              && k.kev().isEmpty()
              && k.epss().isEmpty()
              && k.recalls().isEmpty()
              && k.vex().isEmpty()
              && k.bomSerials().isEmpty();
      }
    }

    /** The problems, one line each (at most ten). */
    public String problemSummary() {
      List<FeedProblem> problems = knowledge.problems();
      if (problems.isEmpty()) {
        return "nothing usable in it; nothing was stored";
      }
      return problems.stream()
              .limit(10)
              .map(p -> oneLine(p.location().map(l -> l + ": ").orElse("") + p.message()))
              .collect(Collectors.joining("; "))
          + "; nothing was stored";
    }

    /**
     * A problem on one line for a job's message: a JSON parser's report names where it stopped as
     * {@code line 1, column 72} instead of its own multi-line location ({@code at [Source: REDACTED
     * (`StreamReadFeature…` disabled); line: 1, column: 72]}).
     */
    static String oneLine(String message) {
      String located = JSON_LOCATION.matcher(message).replaceAll(" at line $1, column $2");
      return located.replaceAll("\\s*\\R\\s*", " ").strip();
    }

    /** What was read, in words. */
    public String summary() {
      ExposureKnowledge k = knowledge;
      switch (source) {
        case SBOM:
          return k.sboms().size()
              + " SBOMs ("
              + k.sboms().stream().mapToInt(b -> b.components().size()).sum()
              + " components), "
              + k.vex().size()
              + " VEX statements"
              + waiting();
        case MDS2:
          return k.mds2().size() + " MDS2 forms";
        case CMDB:
          return k.cmdb().size() + " CMDB assets";
        default:
          return k.advisories().size()
              + " advisories, "
              + k.kev().size()
              + " KEV entries, "
              + k.epss().size()
              + " EPSS scores, "
              + k.recalls().size()
              + " recalls"
              + (k.vex().isEmpty() ? "" : ", " + k.vex().size() + " VEX statements")
              + waiting();
      }
    }

    /**
     * The VEX statements that name a component by BOM-link in an SBOM Ward does not hold, with the
     * first one's warning: they apply to no device until that SBOM is uploaded (then they do,
     * without importing the VEX again).
     */
    private String waiting() {
      List<FeedProblem> waiting = knowledge.vexWaiting();
      if (waiting.isEmpty()) {
        return "";
      }
      FeedProblem first = waiting.get(0);
      return ", "
          + waiting.size()
          + " VEX statements waiting for their SBOM (they apply once it is uploaded): "
          + oneLine(first.location().map(l -> l + ": ").orElse("") + first.message())
          + (waiting.size() > 1 ? " (and " + (waiting.size() - 1) + " more)" : "");
    }
  }

  /** Reads feed files: one file, or every feed file below a directory. */
  public Loaded read(Path fileOrDir) {
    return read(fileOrDir, Source.FEEDS);
  }

  /**
   * Reads one file (or a directory) of the given kind. A single file is read from a private
   * directory of its own, since the loader reads directories; a CMDB export is read with the
   * bundled ServiceNow or Nuvolo column mapping, whichever recognises more assets. A CycloneDX VEX
   * statement that names its component by BOM-link finds it in the SBOMs read with it or those Ward
   * holds already (uploaded, or in feeds).
   */
  public Loaded read(Path fileOrDir, Source source) {
    LoadRequest request = LoadRequest.of(LocalDate.now(clock));
    if (source == Source.CMDB) {
      return readCmdb(fileOrDir, request);
    }
    if (Files.isDirectory(fileOrDir)) {
      return new Loaded(load(request(request, source, fileOrDir), source), source);
    }
    Path dir = null;
    try {
      dir = Files.createTempDirectory("ward-feed-");
      Path link = dir.resolve(fileOrDir.getFileName());
      try {
        Files.createSymbolicLink(link, fileOrDir.toAbsolutePath());
      } catch (UnsupportedOperationException | IOException e) {
        Files.copy(fileOrDir, link, StandardCopyOption.COPY_ATTRIBUTES);
      }
      return new Loaded(load(request(request, source, dir), source), source);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      if (dir != null) {
        deleteTree(dir);
      }
    }
  }

  private ExposureKnowledge load(LoadRequest request, Source source) {
    List<Sbom> sboms = source == Source.MDS2 ? List.of() : held.current().sboms();
    return KnowledgeLoader.load(List.of(request), sboms);
  }

  private static LoadRequest request(LoadRequest base, Source source, Path dir) {
    switch (source) {
      case SBOM:
        return base.withSboms(dir);
      case MDS2:
        return base.withMds2(dir);
      default:
        return base.withFeeds(dir);
    }
  }

  /** Reads a CMDB export with the column mapping given (not the bundled ones). */
  public Loaded readCmdb(Path file, CmdbMapping mapping) {
    return new Loaded(
        KnowledgeLoader.load(LoadRequest.of(LocalDate.now(clock)).withCmdb(file, mapping)),
        Source.CMDB);
  }

  private static Loaded readCmdb(Path file, LoadRequest request) {
    Loaded best = null;
    for (String mapping : List.of("servicenow", "nuvolo")) {
      try {
        ExposureKnowledge k =
            KnowledgeLoader.load(request.withCmdb(file, CmdbMapping.sample(mapping)));
        if (best == null || k.cmdb().size() > best.knowledge().cmdb().size()) {
          best = new Loaded(k, Source.CMDB);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return best;
  }

  /**
   * For the message of the job that imported {@code file}, once the knowledge Ward holds has been
   * read again with it: the earlier copies of its CycloneDX BOM it supersedes and what of theirs is
   * withdrawn ({@code "; supersedes the earlier upload acme-vex-1.cdx.json (version 1 of …): its 19
   * VEX statements and 0 components are withdrawn"}); empty when it superseded nothing, or for a
   * directory (whose older copies were superseded before).
   */
  public String superseding(Path file) {
    if (!Files.isRegularFile(file)) {
      return "";
    }
    return SupersededUploads.describe(held.current().superseded(), file, this::uploadName);
  }

  /** The name the upload stored at {@code stored} was given, the latest job's. */
  private Optional<String> uploadName(Path stored) {
    List<String> names =
        jdbc.sql("SELECT filename FROM ingest_job WHERE stored_path = ? ORDER BY id")
            .param(stored.toString())
            .query(String.class)
            .list();
    return names.isEmpty() ? Optional.empty() : Optional.of(names.get(names.size() - 1));
  }

  /** Stores what was read (advisories replaced by id, KEV entries by CVE); returns a summary. */
  @Transactional
  public String store(Loaded loaded) {
    ExposureKnowledge k = loaded.knowledge();
    OffsetDateTime now = OffsetDateTime.now(clock).truncatedTo(ChronoUnit.MICROS);
    for (Advisory a : k.advisories()) {
      storeAdvisory(a, now);
    }
    for (KevEntry e : k.kev()) {
      storeKev(e);
    }
    return loaded.summary()
        + (k.problems().isEmpty() ? "" : ", " + k.problems().size() + " problems");
  }

  private void storeAdvisory(Advisory a, OffsetDateTime now) {
    Object[] values = {
      a.source().name(),
      clip(a.title(), 1000),
      clip(a.publisher().orElse(""), 200),
      a.published().map(i -> i.atOffset(ZoneOffset.UTC)).orElse(null),
      a.updated().map(i -> i.atOffset(ZoneOffset.UTC)).orElse(null),
      clip(a.url().orElse(""), 1000),
      a.vulnerabilities().size(),
      a.products().size(),
      clip(a.sourceFile().map(f -> Path.of(f).getFileName().toString()).orElse(""), 1000),
      now,
      AdvisoryKeys.of(a)
    };
    int n =
        jdbc.sql(
                "UPDATE advisory SET source = ?, title = ?, publisher = ?, published = ?,"
                    + " updated = ?, url = ?, vulnerabilities = ?, products = ?, source_file = ?,"
                    + " imported_at = ? WHERE advisory_key = ?")
            .params(values)
            .update();
    if (n == 0) {
      jdbc.sql(
              "INSERT INTO advisory (source, title, publisher, published, updated, url,"
                  + " vulnerabilities, products, source_file, imported_at, advisory_key)"
                  + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
          .params(values)
          .update();
    }
  }

  private void storeKev(KevEntry e) {
    Object[] values = {
      clip(e.vendor(), 200),
      clip(e.product(), 200),
      e.dateAdded(),
      e.knownRansomwareCampaignUse(),
      clip(e.cve(), 40)
    };
    int n =
        jdbc.sql(
                "UPDATE kev_entry SET vendor = ?, product = ?, added = ?, ransomware = ? WHERE cve = ?")
            .params(values)
            .update();
    if (n == 0) {
      jdbc.sql(
              "INSERT INTO kev_entry (vendor, product, added, ransomware, cve) VALUES (?, ?, ?, ?, ?)")
          .params(values)
          .update();
    }
  }

  private static String clip(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max);
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // A temporary directory left behind is harmless; the read already succeeded or failed.
    }
  }
}
