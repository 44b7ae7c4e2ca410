package io.ward.server.exposure;

import io.ward.exposure.feeds.ExposureKnowledge;
import io.ward.exposure.feeds.KnowledgeLoader;
import io.ward.exposure.feeds.LoadRequest;
import io.ward.server.config.WardProperties;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The advisory knowledge findings are matched against, read through the exposure module's {@link
 * KnowledgeLoader} from every feed source Ward was given (the feed directory, uploaded feed files,
 * directories imported by path) and kept in memory until a feed import changes it.
 */
@Component
class KnowledgeCache {
  private final JdbcClient jdbc;
  private final Path feedDir;
  private final Path uploadedFeeds;
  private final Path uploads;
  private final Clock clock = Clock.systemUTC();
  private ExposureKnowledge current;

  KnowledgeCache(JdbcClient jdbc, WardProperties properties) {
    this.jdbc = jdbc;
    this.feedDir = properties.feedDirectory();
    this.uploads = properties.dataDirectory().resolve("uploads");
    this.uploadedFeeds = uploads.resolve("feeds");
  }

  /** The knowledge, read on first use after a change. */
  synchronized ExposureKnowledge current() {
    if (current == null) {
      current = load();
    }
    return current;
  }

  /** Forgets the knowledge; the next use reads the sources again. */
  synchronized void invalidate() {
    current = null;
  }

  /**
   * Reads every source. They are read apart (each feed directory, and the SBOMs and MDS2 forms
   * uploaded for device models, read as such, not as feeds) but a CycloneDX VEX in any of them that
   * names its component by BOM-link finds it in the SBOMs of all: a maker's VEX imported as a feed
   * applies through the SBOM uploaded for the device, whichever came first.
   */
  private ExposureKnowledge load() {
    List<LoadRequest> parts = new ArrayList<>();
    LocalDate today = LocalDate.now(clock);
    for (Path dir : sources()) {
      if (Files.isDirectory(dir)) {
        parts.add(LoadRequest.of(today).withFeeds(dir));
      }
    }
    LoadRequest models = LoadRequest.of(today);
    if (Files.isDirectory(uploads.resolve("sboms"))) {
      models = models.withSboms(uploads.resolve("sboms"));
    }
    if (Files.isDirectory(uploads.resolve("mds2"))) {
      models = models.withMds2(uploads.resolve("mds2"));
    }
    parts.add(models);
    return KnowledgeLoader.load(parts, List.of());
  }

  /** Directories holding feeds: the configured one, uploads, and directories imported by path. */
  private Set<Path> sources() {
    Set<Path> dirs = new LinkedHashSet<>(List.of(feedDir, uploadedFeeds));
    jdbc
        .sql(
            "SELECT DISTINCT stored_path FROM ingest_job WHERE kind = 'feed' AND state IN ('succeeded', 'running')")
        .query(String.class)
        .list()
        .stream()
        .map(Path::of)
        .filter(Files::isDirectory)
        .forEach(dirs::add);
    return dirs;
  }
}
