package io.ward.exposure.match;

import static io.ward.exposure.match.Devices.device;
import static org.assertj.core.api.Assertions.assertThat;

import io.ward.exposure.ExposureAnalyzer;
import io.ward.exposure.ExposureOptions;
import io.ward.exposure.ExposureReport;
import io.ward.exposure.feeds.ExposureKnowledge;
import io.ward.exposure.feeds.cyclonedx.CycloneDxReader;
import io.ward.exposure.feeds.cyclonedx.SbomSubject;
import io.ward.model.Device;
import io.ward.model.exposure.Advisory;
import io.ward.model.exposure.AdvisorySource;
import io.ward.model.exposure.AffectedProduct;
import io.ward.model.exposure.Finding;
import io.ward.model.exposure.FindingStatus;
import io.ward.model.exposure.MatchRule;
import io.ward.model.exposure.ProductStatus;
import io.ward.model.exposure.Sbom;
import io.ward.model.exposure.SbomComponent;
import io.ward.model.exposure.VersionConstraint;
import io.ward.model.exposure.VexJustification;
import io.ward.model.exposure.VexStatement;
import io.ward.model.exposure.Vulnerability;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** SBOM components of the real medical-device case-study SBOM matched by CPE and purl. */
class SbomMatchTest {

  private static final Sbom SBOM =
      new CycloneDxReader()
          .read(
              RealAdvisories.testData().resolve("sbom/medical-device-casestudy/narrow.sbom.json"),
              new SbomSubject(
                  Optional.of("Acme Medical"), Optional.of("Infusion Hub"), Optional.of("2.0")))
          .items()
          .get(0)
          .sbom()
          .orElseThrow();

  private static Advisory nvd(String cve, AffectedProduct p) {
    Vulnerability v =
        new Vulnerability(
            Optional.of(cve),
            List.of(),
            List.of(),
            Optional.empty(),
            Optional.empty(),
            List.of(),
            Map.of(ProductStatus.KNOWN_AFFECTED, List.of(p.productId())),
            List.of(),
            List.of(),
            List.of(),
            List.of(),
            List.of());
    return new Advisory(
        cve,
        AdvisorySource.NVD,
        cve,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        List.of(p),
        List.of(v),
        Optional.empty());
  }

  private static final Advisory WOLFSSL =
      nvd(
          "CVE-2022-42905",
          new AffectedProduct(
              "cpe-0",
              "wolfssl",
              Optional.of("wolfssl"),
              Optional.of("wolfssl"),
              Optional.empty(),
              new VersionConstraint.Vers("vers:generic/<5.5.2"),
              List.of(),
              List.of(),
              List.of("cpe:2.3:a:wolfssl:wolfssl:*:*:*:*:*:*:*:*"),
              List.of(),
              List.of(),
              List.of(),
              Optional.empty()));
  private static final Advisory AUTOFAC =
      nvd(
          "CVE-2099-0001",
          new AffectedProduct(
              "purl-0",
              "Autofac",
              Optional.empty(),
              Optional.of("Autofac"),
              Optional.empty(),
              new VersionConstraint.Unknown(),
              List.of(),
              List.of(),
              List.of(),
              List.of("pkg:nuget/Autofac@4.8.1"),
              List.of(),
              List.of(),
              Optional.empty()));

  private final Device hub = device("mac:hub", "Acme Medical", "Infusion Hub", "2.0");

  @Test
  void shouldMatchComponentsByCpeRangeAndPurlVersion() {
    List<Finding> findings =
        MatchIndex.build(List.of(WOLFSSL, AUTOFAC), VendorAliases.defaults())
            .match(hub, List.of(SBOM));
    assertThat(findings)
        .isEqualTo(
            new ReferenceMatcher(List.of(WOLFSSL, AUTOFAC), VendorAliases.defaults())
                .match(hub, List.of(SBOM)));
    Finding wolf =
        findings.stream()
            .filter(f -> f.vulnerability().equals("CVE-2022-42905"))
            .findFirst()
            .orElseThrow();
    assertThat(wolf.status()).isEqualTo(FindingStatus.AFFECTED);
    assertThat(wolf.matchedBy().rule()).isEqualTo(MatchRule.CPE);
    assertThat(wolf.matchedBy().deviceAttribute()).startsWith("sbom:");
    assertThat(findings)
        .anyMatch(
            f ->
                f.vulnerability().equals("CVE-2099-0001")
                    && f.matchedBy().rule() == MatchRule.PURL
                    && f.status() == FindingStatus.AFFECTED);
    Device other = device("mac:other", "Acme Medical", "Infusion Hub", "3.0");
    assertThat(
            MatchIndex.build(List.of(WOLFSSL), VendorAliases.defaults())
                .match(other, List.of(SBOM)))
        .isEmpty();
  }

  @Test
  void shouldSuppressAComponentTheMakerDeclaresNotAffectedInVex() {
    SbomComponent wolf =
        SBOM.components().stream()
            .filter(c -> c.name().toLowerCase().contains("wolfssl"))
            .findFirst()
            .orElseThrow();
    VexStatement vex =
        new VexStatement(
            "CVE-2022-42905",
            wolf.bomRef().orElse("wolfssl"),
            Optional.of(wolf),
            VexStatement.VexStatus.NOT_AFFECTED,
            Optional.of(VexJustification.CODE_NOT_REACHABLE),
            Optional.of("TLS 1.3 session resumption is disabled"),
            "acme-vex.json");
    ExposureKnowledge k =
        new ExposureKnowledge(
            List.of(WOLFSSL),
            List.of(),
            List.of(),
            List.of(),
            List.of(SBOM),
            List.of(vex),
            List.of(),
            List.of(),
            List.of());
    ExposureReport r =
        new ExposureAnalyzer()
            .analyze(List.of(hub), k, ExposureOptions.of(LocalDate.of(2025, 1, 1)));
    var f =
        r.findings().stream()
            .filter(a -> a.finding().vulnerability().equals("CVE-2022-42905"))
            .findFirst()
            .orElseThrow();
    assertThat(f.finding().status()).isEqualTo(FindingStatus.NOT_AFFECTED);
    assertThat(f.finding().statusReason().orElseThrow())
        .contains("code_not_reachable", "session resumption");
    assertThat(f.risk().score()).isZero();
  }
}
