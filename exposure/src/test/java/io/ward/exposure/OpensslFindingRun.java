package io.ward.exposure;

import static io.ward.exposure.match.Devices.device;

import io.ward.exposure.feeds.ExposureKnowledge;
import io.ward.exposure.feeds.KnowledgeLoader;
import io.ward.exposure.feeds.LoadRequest;
import io.ward.model.Device;
import io.ward.model.exposure.Finding;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Consumer;

/**
 * The VEX tests' common run: an infusion hub whose SBOM lists openssl, an OpenSSL advisory and a
 * maker's VEX written as files, loaded as Ward loads feeds, and the hub's openssl finding of {@link
 * #CVE} from advisory OSSL-2099-1.
 */
final class OpensslFindingRun {
  static final LocalDate TODAY = LocalDate.of(2025, 1, 1);
  static final String CVE = "CVE-2099-1111";

  private static final Device HUB = device("mac:hub", "Acme Medical", "Infusion Hub", "2.0");

  private OpensslFindingRun() {}

  /**
   * The finding, after {@code checkKnowledge} has looked at what was loaded.
   *
   * @param vexFile the VEX file's name in the feed directory
   */
  static Finding finding(
      Path dir,
      String advisory,
      String vexFile,
      String vex,
      String sbom,
      Consumer<ExposureKnowledge> checkKnowledge)
      throws IOException {
    Path feeds = Files.createDirectories(dir.resolve("feeds"));
    Path sboms = Files.createDirectories(dir.resolve("sboms"));
    Files.writeString(feeds.resolve("advisory.json"), advisory);
    Files.writeString(feeds.resolve(vexFile), vex);
    Files.writeString(sboms.resolve("hub.cdx.json"), sbom);
    ExposureKnowledge k =
        KnowledgeLoader.load(LoadRequest.of(TODAY).withFeeds(feeds).withSboms(sboms));
    checkKnowledge.accept(k);

    ExposureReport r =
        new ExposureAnalyzer()
            .analyze(List.of(HUB), k, ExposureOptions.of(TODAY).withIncludeNotAffected(true));
    return r.findings().stream()
        .map(AssessedFinding::finding)
        .filter(f -> f.vulnerability().equals(CVE) && f.advisoryId().equals("OSSL-2099-1"))
        .filter(f -> f.matchedBy().deviceAttribute().startsWith("sbom:openssl"))
        .findFirst()
        .orElseThrow();
  }
}
