package io.ward.cli;

import io.ward.engine.CmdbTextReport;
import io.ward.engine.InventoryJson;
import io.ward.engine.VulnerabilityAssessment;
import io.ward.engine.VulnerabilityTextReport;
import io.ward.exposure.ExposureOptions;
import io.ward.exposure.feeds.FeedProblem;
import io.ward.exposure.feeds.LoadRequest;
import io.ward.exposure.feeds.cmdb.CmdbMapping;
import io.ward.model.Device;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ward vulns}: which vulnerabilities apply to which device, how urgent, why, and the fix.
 */
@Command(
    name = "vulns",
    mixinStandardHelpOptions = true,
    description = {
      "Matches an inventory (from 'ward analyze --json') against advisories (CSAF, NVD, CVE 5),",
      "KEV, EPSS, FDA recalls, SBOMs with VEX, MDS2 forms and a CMDB export, and prints the",
      "devices by urgency with each finding, why it matched, its clinical risk and the fix.",
      "It ends with metrics: open findings by urgency and the share of devices on supported",
      "software (overdue work and mean time to remediate need the server's remediation records).",
      "A feed file that cannot be read is reported by name; the other feeds are still used",
      "(exit code 4)."
    })
final class VulnsCommand implements Callable<Integer> {

  @Option(
      names = "--inventory",
      paramLabel = "FILE",
      required = true,
      description = "a ward.inventory/1 JSON file")
  Path inventory;

  @Option(
      names = "--feeds",
      paramLabel = "DIR",
      description = "advisory feeds (default: ~/.ward/feeds, filled by 'ward feeds')")
  Optional<Path> feeds = Optional.empty();

  @Option(names = "--sbom", paramLabel = "DIR", description = "CycloneDX SBOMs and VEX documents")
  Optional<Path> sbom = Optional.empty();

  @Option(names = "--mds2", paramLabel = "DIR", description = "MDS2 forms (.xlsx)")
  Optional<Path> mds2 = Optional.empty();

  @Option(
      names = "--cmdb",
      paramLabel = "FILE",
      description =
          "a CMMS/CMDB export in CSV, merged with the inventory; conflicts and assets never"
              + " seen on the network are listed, and those assets are assessed too")
  Optional<Path> cmdb = Optional.empty();

  @Option(
      names = "--cmdb-mapping",
      paramLabel = "FILE|NAME",
      defaultValue = "servicenow",
      description =
          "column mapping: a YAML file, or servicenow / nuvolo (default: ${DEFAULT-VALUE})")
  String cmdbMapping;

  @Option(
      names = "--json",
      paramLabel = "FILE",
      description = "write the findings as ward.findings/1 JSON (- for stdout)")
  Optional<String> json = Optional.empty();

  @Option(
      names = "--today",
      paramLabel = "YYYY-MM-DD",
      description = "the date to judge due dates and end of life against (default: today)")
  Optional<LocalDate> today = Optional.empty();

  @Option(
      names = "--max-devices",
      paramLabel = "N",
      defaultValue = "50",
      description = "devices listed (default: ${DEFAULT-VALUE})")
  int maxDevices;

  @Option(
      names = "--include-not-affected",
      description = "also list findings a VEX or a fixed version rules out, with the reason")
  boolean includeNotAffected;

  @Override
  public Integer call() throws IOException {
    List<Device> devices;
    try (InputStream in = Files.newInputStream(inventory)) {
      devices = InventoryJson.readDevices(in, inventory.toString());
    }
    LocalDate day = today.orElse(LocalDate.now());
    Path feedsDir = feeds.orElse(WardHome.feeds());
    if (!Files.isDirectory(feedsDir)) {
      throw new NoSuchFileException(
          feedsDir.toString(),
          null,
          "no feeds directory; run 'ward feeds import DIR' or pass --feeds");
    }
    LoadRequest request = LoadRequest.of(day).withFeeds(feedsDir);
    if (sbom.isPresent()) {
      request = request.withSboms(existingDir(sbom.get()));
    }
    if (mds2.isPresent()) {
      request = request.withMds2(existingDir(mds2.get()));
    }
    if (cmdb.isPresent()) {
      request = request.withCmdb(existingFile(cmdb.get()), mapping());
    }
    ExposureOptions options = ExposureOptions.of(day);
    if (includeNotAffected) {
      options =
          new ExposureOptions(
              options.exposures(), options.defaultExposure(), options.today(), true);
    }
    VulnerabilityAssessment result = VulnerabilityAssessment.run(devices, request, options);
    VulnsMetrics metrics = VulnsMetrics.of(result, day);
    if (json.isPresent()) {
      writeJson(result, metrics, json.get());
    }
    if (json.filter("-"::equals).isEmpty()) {
      VulnerabilityTextReport.print(result.report(), result.devices(), System.out, maxDevices, 5);
      result.cmdb().ifPresent(c -> CmdbTextReport.print(c, System.out));
      metrics.print(System.out);
      System.out.flush();
    }
    boolean errors = false;
    for (FeedProblem p : result.report().problems()) {
      System.err.println("ward: " + p);
      errors |= p.isError();
    }
    return errors ? ExitCodes.WARNINGS : ExitCodes.OK;
  }

  private CmdbMapping mapping() throws IOException {
    Path file = Path.of(cmdbMapping);
    try {
      return Files.isRegularFile(file) ? CmdbMapping.load(file) : CmdbMapping.sample(cmdbMapping);
    } catch (IOException | RuntimeException e) {
      throw new UserInputException("--cmdb-mapping " + cmdbMapping + ": " + e.getMessage());
    }
  }

  private static Path existingDir(Path p) throws IOException {
    if (!Files.isDirectory(p)) {
      throw new NoSuchFileException(p.toString(), null, "not a directory");
    }
    return p;
  }

  private static Path existingFile(Path p) throws IOException {
    if (!Files.isRegularFile(p)) {
      throw new NoSuchFileException(p.toString());
    }
    return p;
  }

  /**
   * Writes the findings document; a file is written beside the target and moved over it when
   * complete, so a failure never leaves a truncated document in place of the last good one.
   */
  private static void writeJson(VulnerabilityAssessment result, VulnsMetrics metrics, String target)
      throws IOException {
    if (target.equals("-")) {
      metrics.writeJson(result, System.out);
      System.out.println();
      System.out.flush();
      return;
    }
    Path file = Path.of(target).toAbsolutePath();
    Path partial = Files.createTempFile(file.getParent(), file.getFileName() + ".", ".partial");
    try {
      try (OutputStream out = Files.newOutputStream(partial)) {
        metrics.writeJson(result, out);
      }
      Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(partial);
    }
  }
}
