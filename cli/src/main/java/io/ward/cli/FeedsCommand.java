package io.ward.cli;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.ward.exposure.feeds.FeedConfig;
import io.ward.exposure.feeds.FeedProblem;
import io.ward.exposure.feeds.FeedStore;
import io.ward.exposure.feeds.ImportReport;
import io.ward.exposure.feeds.SyncReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ward feeds}: keeps the offline store of advisories and threat data up to date. */
@Command(
    name = "feeds",
    mixinStandardHelpOptions = true,
    description = "Keeps the offline store of advisories, KEV, EPSS and recalls for ward vulns.",
    subcommands = {FeedsCommand.Import.class, FeedsCommand.Sync.class})
final class FeedsCommand implements Runnable {

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(
        spec.commandLine(), "Missing a subcommand: import or sync");
  }

  /** The store option shared by both subcommands. */
  static final class StoreOption {
    @Option(
        names = "--store",
        paramLabel = "DIR",
        description = "the feed store (default: $WARD_HOME/feeds, else ~/.ward/feeds)")
    Optional<Path> store = Optional.empty();

    FeedStore open() throws IOException {
      Path root = store.orElse(WardHome.feeds());
      Files.createDirectories(root);
      return new FeedStore(root);
    }
  }

  /** {@code ward feeds import DIR}: copies every recognised feed file from a directory. */
  @Command(
      name = "import",
      mixinStandardHelpOptions = true,
      description = {
        "Imports every advisory, KEV, EPSS, recall, SBOM or VEX file under DIR.",
        "DIR is read recursively and each file recognised by its content. A file of",
        "no known kind is named and skipped; one that cannot be read is named and",
        "skipped too, and makes the exit code 4. The rest are imported."
      })
  static final class Import implements Callable<Integer> {
    @picocli.CommandLine.Mixin StoreOption storeOption = new StoreOption();

    @Parameters(paramLabel = "DIR", description = "a directory of feed files")
    Path dir;

    @Override
    public Integer call() throws IOException {
      if (!Files.isDirectory(dir)) {
        throw new NoSuchFileException(dir.toString(), null, "not a directory");
      }
      FeedStore store = storeOption.open();
      ImportReport report = store.importDirectory(dir);
      System.out.printf("imported %,d files into %s%n", report.imported().size(), store.root());
      if (report.vexWaiting() > 0) {
        System.out.printf(
            "%,d VEX statements wait for the SBOM their BOM-link names: ward vulns applies them"
                + " when it reads that SBOM too (--sbom)%n",
            report.vexWaiting());
      }
      for (FeedProblem p : report.problems()) {
        System.err.println("ward: " + p);
      }
      return report.problems().stream().anyMatch(FeedProblem::isError)
          ? ExitCodes.WARNINGS
          : ExitCodes.OK;
    }
  }

  /**
   * The feed configuration; a file that is missing, a directory or not YAML stops the run with one
   * line naming it (and the line and column of a YAML error), never the parser's multi-line text.
   */
  static FeedConfig loadConfig(Path config) throws IOException {
    if (Files.isDirectory(config)) {
      throw new UserInputException(config + ": is a directory, not a feed configuration");
    }
    if (!Files.exists(config)) {
      throw new NoSuchFileException(config.toString());
    }
    try {
      return FeedConfig.load(config);
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      String where =
          at == null || at.getLineNr() < 1
              ? ""
              : "line " + at.getLineNr() + ", column " + at.getColumnNr() + ": ";
      throw new UserInputException(
          config + ": " + where + "not valid YAML (" + problem(e.getOriginalMessage()) + ")");
    }
  }

  /**
   * The parser's own words without its excerpt of the file: SnakeYAML writes the problem and its
   * context on lines of their own, each followed by indented lines that quote the input.
   */
  static String problem(String message) {
    if (message == null) {
      return "unreadable";
    }
    List<String> said = new ArrayList<>();
    for (String line : message.split("\\R")) {
      if (!line.isBlank() && !Character.isWhitespace(line.charAt(0))) {
        said.add(line.strip());
      }
    }
    return said.isEmpty() ? message.strip().replaceAll("\\s+", " ") : String.join(": ", said);
  }

  /** {@code ward feeds sync --config FILE}: fetches configured feeds with conditional requests. */
  @Command(
      name = "sync",
      mixinStandardHelpOptions = true,
      description = {
        "Fetches the feeds a configuration lists into the store.",
        "Each is fetched with If-None-Match / If-Modified-Since and validated before it",
        "replaces the stored copy; a failed or corrupt download keeps the last good",
        "copy (exit code 4). A CSAF provider (provider-metadata.json or ROLIE feed) is",
        "followed document by document; the NVD CVE API 2.0 is paged, then updated",
        "with the changes since the last sync. Each failed document or page is named",
        "by its URL."
      })
  static final class Sync implements Callable<Integer> {
    @picocli.CommandLine.Mixin StoreOption storeOption = new StoreOption();

    @Option(
        names = "--config",
        paramLabel = "FILE",
        required = true,
        description = "feeds YAML (format in README.md, under ward feeds and ward vulns)")
    Path config;

    @Override
    public Integer call() throws IOException, InterruptedException {
      FeedConfig feeds = loadConfig(config);
      FeedStore store = storeOption.open();
      SyncReport report = store.sync(feeds);
      boolean failed = false;
      for (SyncReport.Outcome o : report.outcomes()) {
        System.out.printf(
            "%-40s %s%s%n",
            o.name(),
            o.status().name().toLowerCase(java.util.Locale.ROOT),
            o.summary().map(s -> " (" + s + ")").orElse(""));
        // A provider or API source lists one problem per document or page, each by URL.
        for (FeedProblem p : o.details().isEmpty() ? o.problem().stream().toList() : o.details()) {
          System.err.println("ward: " + p);
        }
        failed |= o.status() == SyncReport.Status.FAILED || o.hasErrors();
      }
      return failed ? ExitCodes.WARNINGS : ExitCodes.OK;
    }
  }
}
