package io.ward.exposure.feeds.cyclonedx;

import static org.assertj.core.api.Assertions.assertThat;

import io.ward.exposure.feeds.FeedResult;
import io.ward.exposure.feeds.Json;
import io.ward.model.exposure.Advisory;
import io.ward.model.exposure.AdvisorySource;
import io.ward.model.exposure.AffectedProduct;
import io.ward.model.exposure.ProductStatus;
import io.ward.model.exposure.VersionConstraint;
import io.ward.model.exposure.VexStatement;
import io.ward.model.exposure.Vulnerability;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code vulnerabilities[].affects[].versions}: a listing without analysis becomes an advisory with
 * one product per version entry; a VEX analysis is narrowed by the versions of its component. Both
 * readers (the library's and the field-by-field one) agree.
 */
class CycloneDxAffectedVersionsTest {

  /** A maker's vulnerability report: wolfSSL below 5.5.2 affected, from 5.5.2 on not. */
  static final String REPORT =
      """
      {"bomFormat": "CycloneDX", "specVersion": "1.5", "version": 1,
       "components": [
         {"bom-ref": "wolfssl", "type": "library", "name": "WolfSSL", "version": "4.8.1",
          "supplier": {"name": "wolfSSL Inc."},
          "purl": "pkg:github/wolfssl/wolfssl@4.8.1",
          "cpe": "cpe:2.3:a:wolfssl:wolfssl:4.8.1:*:*:*:*:*:*:*"}],
       "vulnerabilities": [
         {"id": "CVE-2022-42905",
          "description": "In wolfSSL before 5.5.2, a buffer over-read can occur. More text.",
          "published": "2022-10-31T00:00:00Z",
          "affects": [{"ref": "wolfssl", "versions": [
            {"range": "vers:generic/<5.5.2", "status": "affected"},
            {"range": "vers:generic/>=5.5.2", "status": "unaffected"},
            {"version": "5.5.1-rc1", "status": "unknown"},
            {"version": "5.5.1"}]}]},
         {"id": "GHSA-xxxx-plain-listing",
          "affects": [{"ref": "wolfssl"}]}]}
      """;

  /**
   * A VEX document: wolfSSL 4.8.1 is exploitable according to the analysis, but one entry lists 4.x
   * as unaffected by another CVE; a third entry covers another version only.
   */
  static final String VEX =
      """
      {"bomFormat": "CycloneDX", "specVersion": "1.5", "version": 1,
       "components": [
         {"bom-ref": "wolfssl", "type": "library", "name": "WolfSSL", "version": "4.8.1",
          "purl": "pkg:github/wolfssl/wolfssl@4.8.1"}],
       "vulnerabilities": [
         {"id": "CVE-2023-3724", "analysis": {"state": "exploitable", "detail": "TLS 1.3 on"},
          "affects": [{"ref": "wolfssl", "versions": [
            {"range": "vers:generic/>=4.0.0|<5.0.0", "status": "unaffected"},
            {"range": "vers:generic/>=5.0.0|<5.6.2", "status": "affected"}]}]},
         {"id": "CVE-2022-42905", "analysis": {"state": "exploitable"},
          "affects": [{"ref": "wolfssl", "versions": [
            {"version": "5.5.0", "status": "unaffected"}]}]},
         {"id": "CVE-2024-1544", "analysis": {"state": "in_triage"},
          "affects": [{"ref": "wolfssl", "versions": [
            {"version": "4.8.1", "status": "affected"}]}]}]}
      """;

  @TempDir Path dir;

  private CycloneDxContent read(String name, String json) throws IOException {
    Path file = Files.writeString(dir.resolve(name), json);
    FeedResult<CycloneDxContent> strict = new CycloneDxReader().read(file);
    assertThat(strict.problems()).isEmpty();
    CycloneDxContent lenient =
        LenientCycloneDxJson.read(Json.read(file), SbomSubject.fromBom(), file.toString());
    assertThat(lenient.advisories()).isEqualTo(strict.items().get(0).advisories());
    assertThat(lenient.vex()).isEqualTo(strict.items().get(0).vex());
    return strict.items().get(0);
  }

  @Test
  void shouldTurnAListingWithVersionsIntoAnAdvisoryWithOneProductPerEntry() throws IOException {
    CycloneDxContent c = read("report.cdx.json", REPORT);

    assertThat(c.vex()).isEmpty();
    // The listing without versions says nothing to match: no advisory.
    assertThat(c.advisories()).singleElement();
    Advisory a = c.advisories().get(0);
    assertThat(a.id()).isEqualTo("CVE-2022-42905");
    assertThat(a.source()).isEqualTo(AdvisorySource.CYCLONEDX_VEX);
    assertThat(a.title()).isEqualTo("In wolfSSL before 5.5.2, a buffer over-read can occur.");
    assertThat(a.products())
        .extracting(AffectedProduct::version)
        .containsExactly(
            new VersionConstraint.Vers("vers:generic/<5.5.2"),
            new VersionConstraint.Vers("vers:generic/>=5.5.2"),
            new VersionConstraint.Exact("5.5.1-rc1"),
            new VersionConstraint.Exact("5.5.1"));
    assertThat(a.products())
        .allSatisfy(
            p -> {
              assertThat(p.purls()).containsExactly("pkg:github/wolfssl/wolfssl");
              assertThat(p.cpes()).containsExactly("cpe:2.3:a:wolfssl:wolfssl:*:*:*:*:*:*:*:*");
              assertThat(p.vendor()).contains("wolfSSL Inc.");
              assertThat(p.productName()).contains("WolfSSL");
            });
    Vulnerability v = a.vulnerabilities().get(0);
    assertThat(v.cve()).contains("CVE-2022-42905");
    // A version listed without a status is affected, the specification's default.
    assertThat(v.products(ProductStatus.KNOWN_AFFECTED))
        .containsExactly(a.products().get(0).productId(), a.products().get(3).productId());
    assertThat(v.products(ProductStatus.KNOWN_NOT_AFFECTED))
        .containsExactly(a.products().get(1).productId());
    assertThat(v.products(ProductStatus.UNDER_INVESTIGATION))
        .containsExactly(a.products().get(2).productId());
  }

  @Test
  void shouldNarrowAVexAnalysisByTheVersionsOfItsComponent() throws IOException {
    CycloneDxContent c = read("vex.cdx.json", VEX);

    assertThat(c.advisories()).isEmpty();
    assertThat(c.vex())
        .extracting(VexStatement::vulnerability, VexStatement::status)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "CVE-2023-3724", VexStatement.VexStatus.NOT_AFFECTED),
            // 4.8.1 is not 5.5.0: the entry says nothing about it, the analysis stands.
            org.assertj.core.groups.Tuple.tuple("CVE-2022-42905", VexStatement.VexStatus.AFFECTED),
            org.assertj.core.groups.Tuple.tuple(
                "CVE-2024-1544", VexStatement.VexStatus.UNDER_INVESTIGATION));
    assertThat(c.vex().get(0).detail())
        .contains("version 4.8.1 is listed as unaffected; TLS 1.3 on");
  }

  @Test
  void shouldLimitANotAffectedAnalysisToTheVersionsItLists() throws IOException {
    CycloneDxContent c =
        read(
            "not-affected.cdx.json",
            """
            {"bomFormat": "CycloneDX", "specVersion": "1.5", "version": 1,
             "components": [{"bom-ref": "openssl", "type": "library", "name": "openssl",
               "purl": "pkg:generic/openssl"}],
             "vulnerabilities": [
               {"id": "CVE-2099-1", "analysis": {"state": "not_affected"},
                "affects": [{"ref": "openssl", "versions": [
                  {"range": "vers:generic/>=3.0.0", "status": "unaffected"},
                  {"version": "1.0.2k"}]}]},
               {"id": "CVE-2099-2", "analysis": {"state": "not_affected"},
                "affects": [{"ref": "openssl", "versions": [
                  {"version": "1.0.2k", "status": "affected"},
                  {"range": "vers:generic/>=1.0.0", "status": "unaffected"},
                  {"version": "0.9.8", "status": "unaffected"}]}]},
               {"id": "CVE-2099-3", "analysis": {"state": "not_affected"},
                "affects": [{"ref": "openssl"}]}]}
            """);

    assertThat(c.vex())
        .extracting(VexStatement::vulnerability, VexStatement::versions, VexStatement::status)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "CVE-2099-1",
                new VersionConstraint.Vers("vers:generic/>=3.0.0"),
                VexStatement.VexStatus.NOT_AFFECTED),
            // No status: the specification's default is "affected", so not ruled out.
            org.assertj.core.groups.Tuple.tuple(
                "CVE-2099-1",
                new VersionConstraint.Exact("1.0.2k"),
                VexStatement.VexStatus.AFFECTED),
            // A version listed as affected stays affected; a range that may overlap it is not read.
            org.assertj.core.groups.Tuple.tuple(
                "CVE-2099-2",
                new VersionConstraint.Exact("1.0.2k"),
                VexStatement.VexStatus.AFFECTED),
            org.assertj.core.groups.Tuple.tuple(
                "CVE-2099-2",
                new VersionConstraint.Legacy(
                    "vers:generic/>=1.0.0 (except the versions listed as affected)",
                    java.util.Optional.empty()),
                VexStatement.VexStatus.NOT_AFFECTED),
            org.assertj.core.groups.Tuple.tuple(
                "CVE-2099-2",
                new VersionConstraint.Exact("0.9.8"),
                VexStatement.VexStatus.NOT_AFFECTED),
            // No versions listed: the component as the document lists it, every version.
            org.assertj.core.groups.Tuple.tuple(
                "CVE-2099-3",
                new VersionConstraint.Unknown(),
                VexStatement.VexStatus.NOT_AFFECTED));
    // The claim the version without status does not get is kept for the finding's note; a version
    // listed as affected is the maker's own word, nothing to explain.
    assertThat(c.vex())
        .extracting(VexStatement::unapplied)
        .containsExactly(
            java.util.Optional.empty(),
            java.util.Optional.of(
                new VexStatement.Unapplied(
                    VexStatement.VexStatus.NOT_AFFECTED, VexStatement.Unapplied.Listed.NO_STATUS)),
            java.util.Optional.empty(),
            java.util.Optional.empty(),
            java.util.Optional.empty(),
            java.util.Optional.empty());
  }

  @Test
  void shouldLimitAResolvedAnalysisToTheVersionsListedUnaffected() throws IOException {
    // The fix is in 2.1 (and, in the second, every later version); the versions before lack it.
    CycloneDxContent c =
        read(
            "resolved.cdx.json",
            """
            {"bomFormat": "CycloneDX", "specVersion": "1.6", "version": 1,
             "components": [{"bom-ref": "openssl", "type": "library", "name": "openssl",
               "version": "2.0", "purl": "pkg:generic/openssl@2.0"}],
             "vulnerabilities": [
               {"id": "CVE-2099-4", "analysis": {"state": "resolved", "detail": "Patched."},
                "affects": [{"ref": "openssl", "versions": [
                  {"version": "2.1", "status": "unaffected"},
                  {"range": "vers:generic/<2.1", "status": "affected"}]}]},
               {"id": "CVE-2099-5", "analysis": {"state": "resolved_with_pedigree"},
                "affects": [{"ref": "openssl", "versions": [
                  {"range": "vers:generic/>=2.1", "status": "unaffected"},
                  {"range": "vers:generic/<2.1", "status": "affected"},
                  {"version": "2.1.1", "status": "unknown"}]}]}]}
            """);

    assertThat(c.vex())
        .extracting(VexStatement::vulnerability, VexStatement::versions, VexStatement::status)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "CVE-2099-4", new VersionConstraint.Exact("2.1"), VexStatement.VexStatus.FIXED),
            org.assertj.core.groups.Tuple.tuple(
                "CVE-2099-4",
                new VersionConstraint.Vers("vers:generic/<2.1"),
                VexStatement.VexStatus.AFFECTED),
            // 2.1.1, listed as unknown, is inside the fixed range: the range is not read.
            org.assertj.core.groups.Tuple.tuple(
                "CVE-2099-5",
                new VersionConstraint.Legacy(
                    "vers:generic/>=2.1 (except the versions not listed as unaffected)",
                    java.util.Optional.empty()),
                VexStatement.VexStatus.FIXED),
            org.assertj.core.groups.Tuple.tuple(
                "CVE-2099-5",
                new VersionConstraint.Vers("vers:generic/<2.1"),
                VexStatement.VexStatus.AFFECTED),
            org.assertj.core.groups.Tuple.tuple(
                "CVE-2099-5",
                new VersionConstraint.Exact("2.1.1"),
                VexStatement.VexStatus.UNDER_INVESTIGATION));
    assertThat(c.vex().get(4).unapplied())
        .contains(
            new VexStatement.Unapplied(
                VexStatement.VexStatus.FIXED, VexStatement.Unapplied.Listed.UNKNOWN));
    assertThat(c.vex().get(0).detail()).contains("Patched.");
    assertThat(c.vex().get(1).detail()).contains("listed as affected; Patched.");
  }

  @Test
  void shouldReadAnUnaffectedRangeThatSharesNoVersionWithTheAffectedOnes() throws IOException {
    CycloneDxContent c =
        read(
            "fixed-from.cdx.json",
            """
            {"bomFormat": "CycloneDX", "specVersion": "1.5", "version": 1,
             "components": [{"bom-ref": "openssl", "type": "library", "name": "openssl",
               "purl": "pkg:generic/openssl"}],
             "vulnerabilities": [
               {"id": "CVE-2099-6", "analysis": {"state": "resolved"},
                "affects": [{"ref": "openssl", "versions": [
                  {"range": "vers:generic/>=2.1", "status": "unaffected"},
                  {"range": "vers:generic/<2.1", "status": "affected"}]}]}]}
            """);

    assertThat(c.vex())
        .extracting(VexStatement::versions, VexStatement::status)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                new VersionConstraint.Vers("vers:generic/>=2.1"), VexStatement.VexStatus.FIXED),
            org.assertj.core.groups.Tuple.tuple(
                new VersionConstraint.Vers("vers:generic/<2.1"), VexStatement.VexStatus.AFFECTED));
  }

  @Test
  void shouldDropTheVersionOfAPurlSoTheProductIsEveryVersion() {
    assertThat(CycloneDxAdvisory.withoutVersion("pkg:maven/g/a@1.0?type=jar#sub"))
        .isEqualTo("pkg:maven/g/a?type=jar#sub");
    assertThat(CycloneDxAdvisory.withoutVersion("pkg:npm/%40scope/name@2.1.0"))
        .isEqualTo("pkg:npm/%40scope/name");
    assertThat(CycloneDxAdvisory.withoutVersion("pkg:github/wolfssl/wolfssl"))
        .isEqualTo("pkg:github/wolfssl/wolfssl");
    assertThat(CycloneDxAdvisory.anyVersion("cpe:2.3:a:a\\:b:prod:1.2\\:3:*:*:*:*:*:*:*"))
        .isEqualTo("cpe:2.3:a:a\\:b:prod:*:*:*:*:*:*:*:*");
  }
}
