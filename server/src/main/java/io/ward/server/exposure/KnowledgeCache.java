package io.ward.server.exposure;

import io.ward.exposure.feeds.ExposureKnowledge;
import io.ward.exposure.feeds.FeedProblem;
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

  private ExposureKnowledge load() {
    List<ExposureKnowledge> parts = new ArrayList<>();
    LocalDate today = LocalDate.now(clock);
    for (Path dir : sources()) {
      if (Files.isDirectory(dir)) {
        parts.add(KnowledgeLoader.load(LoadRequest.of(today).withFeeds(dir)));
      }
    }
    // SBOMs and MDS2 forms uploaded for device models (read as such, not as feeds).
    LoadRequest models = LoadRequest.of(today);
    if (Files.isDirectory(uploads.resolve("sboms"))) {
      models = models.withSboms(uploads.resolve("sboms"));
    }
    if (Files.isDirectory(uploads.resolve("mds2"))) {
      models = models.withMds2(uploads.resolve("mds2"));
    }
    parts.add(KnowledgeLoader.load(models));
    return merge(parts);
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

  private static ExposureKnowledge merge(List<ExposureKnowledge> parts) {
    List<io.ward.model.exposure.Advisory> advisories = new ArrayList<>();
    List<io.ward.model.exposure.KevEntry> kev = new ArrayList<>();
    List<io.ward.model.exposure.EpssScore> epss = new ArrayList<>();
    List<io.ward.model.exposure.DeviceRecall> recalls = new ArrayList<>();
    List<io.ward.model.exposure.Sbom> sboms = new ArrayList<>();
    List<io.ward.model.exposure.VexStatement> vex = new ArrayList<>();
    List<io.ward.model.exposure.Mds2Form> mds2 = new ArrayList<>();
    List<io.ward.model.exposure.CmdbAsset> cmdb = new ArrayList<>();
    List<FeedProblem> problems = new ArrayList<>();
    Set<String> advisoryIds = new java.util.HashSet<>();
    for (ExposureKnowledge k : parts) {
      k.advisories().stream()
          .filter(a -> advisoryIds.add(a.source() + "|" + a.id()))
          .forEach(advisories::add);
      kev.addAll(k.kev());
      epss.addAll(k.epss());
      recalls.addAll(k.recalls());
      sboms.addAll(k.sboms());
      vex.addAll(k.vex());
      mds2.addAll(k.mds2());
      cmdb.addAll(k.cmdb());
      problems.addAll(k.problems());
    }
    return new ExposureKnowledge(advisories, kev, epss, recalls, sboms, vex, mds2, cmdb, problems);
  }
}
