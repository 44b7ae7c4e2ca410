package io.ward.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ward.engine.CmdbTextReport;
import io.ward.engine.InventoryFormatException;
import io.ward.engine.InventoryJson;
import io.ward.engine.VulnerabilityAssessment;
import io.ward.engine.VulnerabilityTextReport;
import io.ward.exposure.ExposureOptions;
import io.ward.exposure.eol.EolCatalog;
import io.ward.exposure.feeds.FeedProblem;
import io.ward.exposure.feeds.LoadRequest;
import io.ward.exposure.feeds.cmdb.CmdbMapping;
import io.ward.exposure.risk.Exposure;
import io.ward.exposure.risk.TrafficExposure;
import io.ward.model.Device;
import io.ward.model.Endpoint;
import io.ward.model.Flow;
import io.ward.model.IpAddress;
import io.ward.model.MacAddress;
import io.ward.model.Transport;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
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
      "Tells which vulnerabilities apply to each device of an inventory, and why.",
      "It matches an inventory (from 'ward analyze --json') against advisories (CSAF,",
      "NVD, CVE 5), KEV, EPSS, FDA recalls, SBOMs with VEX, MDS2 forms and a CMDB",
      "export, and prints the devices by urgency with each finding, why it matched,",
      "its clinical risk and the fix. It ends with metrics: open findings by urgency",
      "and the share of devices on supported software (overdue work and mean time to",
      "remediate need the server's remediation records).",
      "Each device's exposure comes from its traffic in the inventory (public peer:",
      "internet; peer outside its VLAN or subnet: enterprise; all peers inside, with",
      "every flow listed: segmented; none: unknown, scored as enterprise).",
      "A feed file that cannot be read is reported by name; the other feeds are",
      "still used (exit code 4)."
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
      description =
          "advisory feeds (default: $WARD_HOME/feeds, else ~/.ward/feeds; filled by"
              + " 'ward feeds')")
  Optional<Path> feeds = Optional.empty();

  @Option(
      names = "--sbom",
      paramLabel = "FILE|DIR",
      arity = "1..*",
      description =
          "CycloneDX SBOMs and VEX documents: files, or directories (recursed); several after one"
              + " --sbom, or the option repeated. One that is missing is named and the others are"
              + " used (exit code 4)")
  List<Path> sboms = new ArrayList<>();

  @Option(names = "--mds2", paramLabel = "DIR", description = "MDS2 forms (.xlsx or .xls)")
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
      names = "--eol",
      paramLabel = "FILE",
      description =
          "extra end-of-life entries, in the format of Ward's platforms.yaml; they are tried"
              + " before the shipped ones and replace a shipped entry with the same id")
  Optional<Path> eol = Optional.empty();

  @Option(
      names = "--json",
      paramLabel = "FILE",
      description =
          "write the findings as ward.findings/1 JSON (- for stdout, instead of the report)")
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

  @Option(
      names = "--no-traffic-exposure",
      description =
          "score every device's exposure as unknown instead of deriving it from the inventory's"
              + " traffic")
  boolean noTrafficExposure;

  @Override
  public Integer call() throws IOException {
    json.filter(j -> !j.equals("-")).ifPresent(j -> OutputFile.check("--json", j));
    List<Device> devices = readInventory(inventory);
    LocalDate day = today.orElse(LocalDate.now());
    Path feedsDir = feeds.orElse(WardHome.feeds());
    if (!Files.isDirectory(feedsDir)) {
      throw new NoSuchFileException(
          feedsDir.toString(),
          null,
          "no feeds directory; run 'ward feeds import DIR' or pass --feeds");
    }
    LoadRequest request = LoadRequest.of(day).withFeeds(feedsDir);
    for (Path path : someExist("--sbom", sboms)) {
      request = request.withSboms(path);
    }
    if (mds2.isPresent()) {
      request = request.withMds2(existingDir(mds2.get()));
    }
    if (cmdb.isPresent()) {
      request = request.withCmdb(existingFile(cmdb.get()), mapping());
    }
    ExposureOptions options = ExposureOptions.of(day);
    if (eol.isPresent()) {
      options = options.withEol(eolCatalog(eol.get()));
    }
    Map<String, TrafficExposure.Derived> derived =
        noTrafficExposure ? Map.of() : trafficExposure(devices);
    options = options.withExposures(TrafficExposure.exposures(derived));
    options = options.withIncludeNotAffected(includeNotAffected);
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
    // Only once the report is out: a run that stops on bad input says one line, its reason.
    if (!noTrafficExposure) {
      reportExposure(derived);
    }
    boolean errors = false;
    for (FeedProblem p : result.report().problems()) {
      System.err.println("ward: " + p);
      errors |= p.isError();
    }
    return errors ? ExitCodes.WARNINGS : ExitCodes.OK;
  }

  /**
   * The exposure of each device from the conversations the inventory lists ({@code
   * $.flows.cleartext.conversations}); segmented is only claimed when they are every flow of the
   * capture ({@code $.flows.total}), since encrypted flows are never listed.
   */
  private Map<String, TrafficExposure.Derived> trafficExposure(List<Device> devices)
      throws IOException {
    JsonNode root = new ObjectMapper().readTree(inventory.toFile());
    JsonNode flows = root.path("flows");
    JsonNode listed = flows.path("cleartext").path("conversations");
    List<Flow> out = new ArrayList<>();
    for (JsonNode c : listed) {
      try {
        int vlan = c.path("vlan").asInt(0);
        String transport = c.path("transport").asText("other");
        Transport t =
            Arrays.stream(Transport.values())
                .filter(x -> x.id().equals(transport))
                .findFirst()
                .orElse(Transport.OTHER);
        String protocol = c.path("protocol").asText(transport);
        out.add(
            new Flow(
                endpoint(c.path("client").asText(), vlan),
                c.path("clientPort").asInt(0),
                endpoint(c.path("server").asText(), vlan),
                c.path("serverPort").asInt(0),
                t,
                vlan,
                protocol.equals(transport) ? Optional.empty() : Optional.of(protocol),
                false,
                0,
                0,
                0,
                0,
                0,
                0));
      } catch (IllegalArgumentException e) {
        throw new UserInputException(
            inventory + ": $.flows.cleartext.conversations: " + e.getMessage());
      }
    }
    boolean allListed =
        flows.path("total").isNumber()
            && flows.path("total").asLong() == out.size()
            && flows.path("cleartext").path("notListed").asLong(0) == 0;
    return TrafficExposure.derive(devices, out, allListed);
  }

  private static Endpoint endpoint(String text, int vlan) {
    // The inventory names an endpoint by its IP address, or by its MAC when it had none; six
    // two-digit groups are never a valid IPv6 address, so the shape tells them apart.
    return text.matches("(?i)([0-9a-f]{2}:){5}[0-9a-f]{2}")
        ? Endpoint.ofMac(MacAddress.parse(text), vlan)
        : Endpoint.ofIp(IpAddress.parse(text), vlan);
  }

  /** Devices whose placement is spelled out on stderr; each finding's rationale has the rest. */
  private static final int EXPOSURE_LINES = 10;

  /**
   * One line per exposure, then the first devices the traffic placed, on stderr as messages: a
   * hospital's thousands of devices would bury the report, and each finding's rationale (and {@code
   * --json}) says its device's exposure and why.
   */
  private static void reportExposure(Map<String, TrafficExposure.Derived> derived) {
    Map<Exposure, Integer> counts = new EnumMap<>(Exposure.class);
    for (Exposure e : Exposure.values()) {
      counts.put(e, 0);
    }
    derived.values().forEach(d -> counts.merge(d.exposure().exposure(), 1, Integer::sum));
    StringBuilder line = new StringBuilder("ward: exposure from the inventory's traffic:");
    counts.forEach((e, n) -> line.append(' ').append(e.id()).append(' ').append(n).append(','));
    line.setLength(line.length() - 1);
    System.err.println(line);
    int placed = 0;
    for (Map.Entry<String, TrafficExposure.Derived> e : derived.entrySet()) {
      TrafficExposure.Derived d = e.getValue();
      if (d.exposure().exposure() == Exposure.UNKNOWN) {
        continue;
      }
      if (++placed <= EXPOSURE_LINES) {
        System.err.println(
            "ward:   "
                + e.getKey()
                + ": "
                + d.exposure().exposure().id()
                + " ("
                + d.reason()
                + ")");
      }
    }
    if (placed > EXPOSURE_LINES) {
      System.err.println(
          "ward:   … and "
              + (placed - EXPOSURE_LINES)
              + " more; each finding's rationale (and --json) gives its device's exposure and why");
    }
  }

  /** The shipped catalog with the user's entries; a bad file stops the run naming file and line. */
  private static EolCatalog eolCatalog(Path file) throws IOException {
    existingFile(file);
    try {
      return EolCatalog.defaults().withUserEntries(file);
    } catch (IOException e) {
      throw new UserInputException("--eol " + e.getMessage());
    }
  }

  private CmdbMapping mapping() throws IOException {
    Path file = Path.of(cmdbMapping);
    try {
      return Files.isRegularFile(file) ? CmdbMapping.load(file) : CmdbMapping.sample(cmdbMapping);
    } catch (IOException | RuntimeException e) {
      throw new UserInputException("--cmdb-mapping " + cmdbMapping + ": " + e.getMessage());
    }
  }

  /**
   * The devices of the inventory; a directory, or a file that cannot be read, is named in the one
   * line that stops the run, as a file that is not an inventory is.
   */
  private static List<Device> readInventory(Path file) throws IOException {
    if (Files.isDirectory(file)) {
      throw new UserInputException(file + ": is a directory, not an inventory file");
    }
    try (InputStream in = Files.newInputStream(file)) {
      return InventoryJson.readDevices(in, file.toString());
    } catch (InventoryFormatException | NoSuchFileException | AccessDeniedException e) {
      throw e;
    } catch (IOException e) {
      throw new UserInputException(file + ": cannot be read: " + e.getMessage());
    }
  }

  /**
   * The paths an option gave, when at least one exists: the load names each missing one as an error
   * and uses the others. When none exists nothing of what was asked can be read: the run stops.
   */
  private static List<Path> someExist(String option, List<Path> paths) throws IOException {
    if (!paths.isEmpty() && paths.stream().noneMatch(Files::exists)) {
      throw new NoSuchFileException(
          String.join(", ", paths.stream().map(Path::toString).toList()),
          null,
          "no such file or directory (" + option + ")");
    }
    return paths;
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
    OutputFile.write(Path.of(target), out -> metrics.writeJson(result, out));
  }
}
