package io.ward.exposure;

import static org.assertj.core.api.Assertions.assertThat;

import io.ward.model.exposure.Finding;
import io.ward.model.exposure.FindingStatus;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CycloneDX VEX analyses read from files, applied to SBOM component findings: a "not affected"
 * analysis silences only the component its affects entry names, at the versions the entry lists
 * ({@code affects[].versions[]}) listed as unaffected, never the versions it leaves out. A
 * "resolved" analysis rules out the finding of the component at the version the VEX lists it with,
 * and only that one; or, when it lists versions, at those listed as unaffected (the fix is in them)
 * only.
 */
class ExposureAnalyzerCycloneDxVexTest {

  private static final String CVE = OpensslFindingRun.CVE;

  @TempDir Path dir;

  @Test
  void shouldKeepAFindingWhoseVersionIsOutsideTheVexRange() throws IOException {
    Finding f =
        analyze(
            "1.0.2k",
            "vers:generic/<1.1.1",
            vex("pkg:generic/openssl", "{\"range\": \"vers:generic/>=3.0.0\"}"));

    assertThat(f.status()).isEqualTo(FindingStatus.AFFECTED);
  }

  @Test
  void shouldKeepAFindingWhoseVersionIsOutsideTheUnaffectedRange() throws IOException {
    Finding f =
        analyze(
            "1.0.2k",
            "vers:generic/<1.1.1",
            vex(
                "pkg:generic/openssl",
                "{\"range\": \"vers:generic/>=3.0.0\", \"status\": \"unaffected\"}"));

    assertThat(f.status()).isEqualTo(FindingStatus.AFFECTED);
  }

  @Test
  void shouldSuppressAFindingWhoseVersionIsInsideTheVexRange() throws IOException {
    Finding f =
        analyze(
            "3.0.7",
            "vers:generic/<3.0.8",
            vex(
                "pkg:generic/openssl",
                "{\"range\": \"vers:generic/>=3.0.0\", \"status\": \"unaffected\"}"));

    assertThat(f.status()).isEqualTo(FindingStatus.NOT_AFFECTED);
    assertThat(f.statusReason().orElseThrow()).contains("vex.cdx.json", "code_not_present");
  }

  @Test
  void shouldSuppressAFindingWhoseVersionTheVexNames() throws IOException {
    Finding f =
        analyze(
            "1.0.2k",
            "vers:generic/<1.1.1",
            vex("pkg:generic/openssl", "{\"version\": \"1.0.2k\", \"status\": \"unaffected\"}"));

    assertThat(f.status()).isEqualTo(FindingStatus.NOT_AFFECTED);
  }

  @Test
  void shouldKeepAFindingWhoseVersionTheVexDoesNotName() throws IOException {
    Finding f =
        analyze(
            "1.0.2k",
            "vers:generic/<1.1.1",
            vex("pkg:generic/openssl", "{\"version\": \"1.0.2u\", \"status\": \"unaffected\"}"));

    assertThat(f.status()).isEqualTo(FindingStatus.AFFECTED);
  }

  @Test
  void shouldKeepAVersionTheVexListsAsAffectedDespiteItsAnalysis() throws IOException {
    Finding f =
        analyze(
            "1.0.2k",
            "vers:generic/<1.1.1",
            vex(
                "pkg:generic/openssl",
                "{\"version\": \"1.0.2k\", \"status\": \"affected\"},"
                    + " {\"range\": \"vers:generic/>=1.0.0\", \"status\": \"unaffected\"}"));

    assertThat(f.status()).isEqualTo(FindingStatus.AFFECTED);
  }

  @Test
  void shouldKeepAFindingWhenTheVexRangeCannotBeReadAndSaySo() throws IOException {
    Finding f =
        analyze(
            "1.0.2k",
            "vers:generic/<1.1.1",
            vex(
                "pkg:generic/openssl",
                "{\"range\": \"the releases shipped since spring\", \"status\": \"unaffected\"}"));

    assertThat(f.status()).isEqualTo(FindingStatus.AFFECTED);
    assertThat(f.statusReason().orElseThrow())
        .contains("the releases shipped since spring", "not applied");
  }

  @Test
  void shouldSuppressEveryVersionOnlyWhenTheVexNamesNoVersion() throws IOException {
    Finding f = analyze("1.0.2k", "vers:generic/<1.1.1", vex("pkg:generic/openssl", null));

    assertThat(f.status()).isEqualTo(FindingStatus.NOT_AFFECTED);
  }

  @Test
  void shouldNotApplyAVexAboutAnotherPackageOfTheSameName() throws IOException {
    Finding f =
        analyze(
            "1.0.2k",
            "vers:generic/<1.1.1",
            vex(
                "pkg:deb/example/openssl",
                "{\"range\": \"vers:generic/<1.1.1\", \"status\": \"unaffected\"}"));

    assertThat(f.status()).isEqualTo(FindingStatus.AFFECTED);
  }

  @Test
  void shouldMarkAFindingFixedWhereTheVexSaysResolvedForTheComponentsVersion() throws IOException {
    Finding f = analyze("3.0.7", "vers:generic/<3.0.8", resolved("3.0.7"));

    assertThat(f.status()).isEqualTo(FindingStatus.NOT_AFFECTED);
    assertThat(f.statusReason().orElseThrow())
        .contains("vex.cdx.json", "fixed", "The fix is backported into our 3.0.7 build.");
  }

  @Test
  void shouldKeepAFindingOfAnotherVersionThanTheResolvedOne() throws IOException {
    Finding f = analyze("3.0.6", "vers:generic/<3.0.8", resolved("3.0.7"));

    assertThat(f.status()).isEqualTo(FindingStatus.AFFECTED);
    assertThat(f.statusReason()).isEmpty();
  }

  @Test
  void shouldKeepAFindingWhenTheResolvedComponentHasNoVersion() throws IOException {
    // The fix is in some release the VEX does not name: not in every version.
    String vex = resolved("3.0.7").replace("\"version\": \"3.0.7\", ", "").replace("@3.0.7", "");

    Finding f = analyze("1.0.2k", "vers:generic/<3.0.8", vex);

    assertThat(f.status()).isEqualTo(FindingStatus.AFFECTED);
  }

  @Test
  void shouldKeepAFindingAtAVersionTheResolvedVexListsAsAffected() throws IOException {
    // The VEX's openssl is 3.0.6, but its versions say the fix is in 3.0.7 and not before.
    Finding f =
        analyze(
            "3.0.6",
            "vers:generic/<3.0.8",
            resolved(
                "3.0.6",
                "{\"version\": \"3.0.7\", \"status\": \"unaffected\"},"
                    + " {\"range\": \"vers:generic/<3.0.7\", \"status\": \"affected\"}"));

    assertThat(f.status()).isEqualTo(FindingStatus.AFFECTED);
    assertThat(f.statusReason()).isEmpty();
  }

  @Test
  void shouldMarkAFindingFixedAtAVersionTheResolvedVexListsAsUnaffected() throws IOException {
    // A VEX whose openssl names no version: its versions say which carry the fix.
    Finding f =
        analyze(
            "3.0.7",
            "vers:generic/<3.0.8",
            resolved(
                null,
                "{\"version\": \"3.0.7\", \"status\": \"unaffected\"},"
                    + " {\"range\": \"vers:generic/<3.0.7\", \"status\": \"affected\"}"));

    assertThat(f.status()).isEqualTo(FindingStatus.NOT_AFFECTED);
    assertThat(f.statusReason().orElseThrow()).contains("vex.cdx.json", "): fixed");
  }

  @Test
  void shouldKeepAFindingWhoseVersionTheNotAffectedVexListsWithoutAStatus() throws IOException {
    // CycloneDX reads a version without status as affected, whatever the analysis.
    Finding f =
        analyze(
            "1.0.2k",
            "vers:generic/<1.1.1",
            vex("pkg:generic/openssl", "{\"version\": \"1.0.2k\"}"));

    assertThat(f.status()).isEqualTo(FindingStatus.AFFECTED);
    // Before, nothing said why the maker's "not affected" was not followed.
    assertThat(f.statusReason().orElseThrow())
        .contains(
            "maker's VEX (",
            "vex.cdx.json) says not affected but lists version '1.0.2k' with no status,"
                + " which CycloneDX reads as affected; not applied");
  }

  @Test
  void shouldSayWhyANotAffectedVexIsNotAppliedToAVersionItListsWithTheStatusUnknown()
      throws IOException {
    Finding f =
        analyze(
            "1.0.2k",
            "vers:generic/<1.1.1",
            vex(
                "pkg:generic/openssl",
                "{\"range\": \"vers:generic/>=1.0.0|<1.1.0\", \"status\": \"unknown\"}"));

    assertThat(f.status()).isEqualTo(FindingStatus.AFFECTED);
    assertThat(f.statusReason().orElseThrow())
        .contains(
            "vex.cdx.json) says not affected but lists versions 'vers:generic/>=1.0.0|<1.1.0'"
                + " with the status unknown (the maker does not say whether they are affected);"
                + " not applied");
  }

  @Test
  void shouldSayWhyAResolvedVexIsNotAppliedToAVersionItListsWithTheStatusUnknown()
      throws IOException {
    Finding f =
        analyze(
            "3.0.7",
            "vers:generic/<3.0.8",
            resolved(null, "{\"version\": \"3.0.7\", \"status\": \"unknown\"}"));

    assertThat(f.status()).isEqualTo(FindingStatus.AFFECTED);
    assertThat(f.statusReason().orElseThrow())
        .contains("says fixed but lists version '3.0.7' with the status unknown", "not applied");
  }

  @Test
  void shouldSayNothingOfAVersionListedWithoutAStatusThatIsNotTheComponents() throws IOException {
    Finding f =
        analyze(
            "1.0.2k",
            "vers:generic/<1.1.1",
            vex(
                "pkg:generic/openssl",
                "{\"version\": \"1.0.2u\"}, {\"version\": \"1.0.1\", \"status\": \"unknown\"}"));

    assertThat(f.status()).isEqualTo(FindingStatus.AFFECTED);
    assertThat(f.statusReason()).isEmpty();
  }

  @Test
  void shouldRuleOutAtAnUnaffectedVersionWhateverTheOthersListedWithoutAStatus()
      throws IOException {
    Finding f =
        analyze(
            "1.0.2k",
            "vers:generic/<1.1.1",
            vex(
                "pkg:generic/openssl",
                "{\"version\": \"1.0.2j\"}, {\"version\": \"1.0.2k\", \"status\": \"unaffected\"}"));

    assertThat(f.status()).isEqualTo(FindingStatus.NOT_AFFECTED);
    assertThat(f.statusReason().orElseThrow()).doesNotContain("not applied");
  }

  /** The hub's single openssl finding, with the advisory, the SBOM and the VEX as files. */
  private Finding analyze(String componentVersion, String affectedRange, String vexDocument)
      throws IOException {
    return OpensslFindingRun.finding(
        dir,
        advisory(affectedRange),
        "vex.cdx.json",
        vexDocument,
        sbom(componentVersion),
        k -> {
          assertThat(k.problems()).isEmpty();
          assertThat(k.vex()).isNotEmpty();
        });
  }

  private static String sbom(String version) {
    return """
        {"bomFormat": "CycloneDX", "specVersion": "1.5", "version": 1,
         "serialNumber": "urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79",
         "metadata": {"component": {"type": "device", "name": "Infusion Hub", "version": "2.0",
           "supplier": {"name": "Acme Medical"}}},
         "components": [{"type": "library", "bom-ref": "openssl", "name": "openssl",
           "version": "%s", "purl": "pkg:generic/openssl@%s"}]}
        """
        .formatted(version, version);
  }

  /**
   * A maker's CycloneDX VEX: its openssl ({@code purl}, no version) is not affected, at the
   * versions {@code versions} lists (the JSON objects of {@code affects[].versions}; none when
   * null).
   */
  private static String vex(String purl, String versions) {
    return """
        {"bomFormat": "CycloneDX", "specVersion": "1.5", "version": 1,
         "serialNumber": "urn:uuid:9c1a3b55-2f0e-4c55-9d6e-1f7a1b2c3d4e",
         "components": [{"type": "library", "bom-ref": "acme-openssl", "name": "openssl",
           "purl": "%s"}],
         "vulnerabilities": [{"id": "%s",
           "analysis": {"state": "not_affected", "justification": "code_not_present",
             "detail": "Not built in."},
           "affects": [{"ref": "acme-openssl"%s}]}]}
        """
        .formatted(purl, CVE, versions == null ? "" : ", \"versions\": [" + versions + "]");
  }

  /** A maker's CycloneDX VEX: its openssl {@code version} is resolved (the fix is in it). */
  private static String resolved(String version) {
    return resolved(version, null);
  }

  /**
   * A maker's CycloneDX VEX: its openssl at {@code version} (none when null) is resolved, at the
   * versions {@code versions} lists (the JSON objects of {@code affects[].versions}; none when
   * null).
   */
  private static String resolved(String version, String versions) {
    return """
        {"bomFormat": "CycloneDX", "specVersion": "1.5", "version": 1,
         "serialNumber": "urn:uuid:9c1a3b55-2f0e-4c55-9d6e-1f7a1b2c3d4e",
         "components": [{"type": "library", "bom-ref": "acme-openssl", "name": "openssl",
           %s"purl": "pkg:generic/openssl%s"}],
         "vulnerabilities": [{"id": "%s",
           "analysis": {"state": "resolved",
             "detail": "The fix is backported into our %s build."},
           "affects": [{"ref": "acme-openssl"%s}]}]}
        """
        .formatted(
            version == null ? "" : "\"version\": \"" + version + "\", ",
            version == null ? "" : "@" + version,
            CVE,
            version == null ? "openssl" : version,
            versions == null ? "" : ", \"versions\": [" + versions + "]");
  }

  /** An OpenSSL advisory: {@code pkg:generic/openssl} in {@code range} is known affected. */
  private static String advisory(String range) {
    return """
        {"document": {"category": "csaf_security_advisory", "csaf_version": "2.0",
           "publisher": {"category": "vendor", "name": "OpenSSL",
             "namespace": "https://example.com"},
           "title": "OSSL-2099-1",
           "tracking": {"current_release_date": "2024-02-01T10:00:00.000Z", "id": "OSSL-2099-1",
             "initial_release_date": "2024-02-01T10:00:00.000Z",
             "revision_history": [{"date": "2024-02-01T10:00:00.000Z", "number": "1",
               "summary": "Initial version."}],
             "status": "final", "version": "1"}},
         "product_tree": {"branches": [{"category": "vendor", "name": "OpenSSL", "branches": [
           {"category": "product_name", "name": "openssl", "branches": [
             {"category": "product_version_range", "name": "%s", "product":
               {"name": "openssl", "product_id": "OSSL", "product_identification_helper":
                 {"purl": "pkg:generic/openssl"}}}]}]}]},
         "vulnerabilities": [{"cve": "%s",
           "notes": [{"category": "description", "text": "A flaw.", "title": "CVE description"}],
           "product_status": {"known_affected": ["OSSL"]}}]}
        """
        .formatted(range, CVE);
  }
}
