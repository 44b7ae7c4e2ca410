package io.ward.exposure;

import static org.assertj.core.api.Assertions.assertThat;

import io.ward.model.exposure.Finding;
import io.ward.model.exposure.FindingStatus;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CSAF VEX statements read from files, applied to SBOM component findings: a "not affected"
 * statement silences only the component it names, at the versions it names.
 */
class ExposureAnalyzerVexTest {

  private static final String CVE = OpensslFindingRun.CVE;

  @TempDir Path dir;

  @Test
  void shouldKeepAFindingWhoseVersionIsOutsideTheVexRange() throws IOException {
    Finding f =
        analyze(
            "1.0.2k",
            "vers:generic/<1.1.1",
            vex("OpenSSL", "openssl", "vers:generic/>=3.0.0", "pkg:generic/openssl"));

    assertThat(f.status()).isEqualTo(FindingStatus.AFFECTED);
  }

  @Test
  void shouldSuppressAFindingWhoseVersionIsInsideTheVexRange() throws IOException {
    Finding f =
        analyze(
            "3.0.7",
            "vers:generic/<3.0.8",
            vex("OpenSSL", "openssl", "vers:generic/>=3.0.0", "pkg:generic/openssl"));

    assertThat(f.status()).isEqualTo(FindingStatus.NOT_AFFECTED);
    assertThat(f.statusReason().orElseThrow())
        .contains("ACME-VEX-1", "vulnerable_code_not_present");
  }

  @Test
  void shouldKeepAFindingWhenTheVexRangeCannotBeReadAndSaySo() throws IOException {
    Finding f =
        analyze(
            "1.0.2k",
            "vers:generic/<1.1.1",
            vex("OpenSSL", "openssl", "the releases shipped since spring", "pkg:generic/openssl"));

    assertThat(f.status()).isEqualTo(FindingStatus.AFFECTED);
    assertThat(f.statusReason().orElseThrow())
        .contains("ACME-VEX-1", "the releases shipped since spring", "not applied");
  }

  @Test
  void shouldSuppressEveryVersionOnlyWhenTheVexNamesNoVersion() throws IOException {
    Finding f = analyze("1.0.2k", "vers:generic/<1.1.1", vex("OpenSSL", "openssl", null, null));

    assertThat(f.status()).isEqualTo(FindingStatus.NOT_AFFECTED);
  }

  @Test
  void shouldNotApplyAVexAboutAnotherPackageOfTheSameName() throws IOException {
    Finding f =
        analyze(
            "1.0.2k",
            "vers:generic/<1.1.1",
            vex("Example Linux", "openssl", "vers:generic/<1.1.1", "pkg:deb/example/openssl"));

    assertThat(f.status()).isEqualTo(FindingStatus.AFFECTED);
  }

  @Test
  void shouldNotApplyAVexAboutAnotherVendorsComponentOfTheSameName() throws IOException {
    // Only the component has a purl: vendor and name decide.
    Finding f =
        analyze(
            "1.0.2k",
            "vers:generic/<1.1.1",
            vex("Example Linux", "openssl", "vers:generic/<1.1.1", null),
            "OpenSSL",
            "pkg:generic/openssl@1.0.2k");

    assertThat(f.status()).isEqualTo(FindingStatus.AFFECTED);
  }

  /** The hub's single openssl finding, with the advisory, the SBOM and the VEX as files. */
  private Finding analyze(String componentVersion, String affectedRange, String vexDocument)
      throws IOException {
    return analyze(
        componentVersion,
        affectedRange,
        vexDocument,
        null,
        "pkg:generic/openssl@" + componentVersion);
  }

  private Finding analyze(
      String componentVersion,
      String affectedRange,
      String vexDocument,
      String supplier,
      String purl)
      throws IOException {
    return OpensslFindingRun.finding(
        dir,
        advisory(affectedRange),
        "vex.json",
        vexDocument,
        sbom(componentVersion, supplier, purl),
        k -> {
          assertThat(k.problems()).isEmpty();
          assertThat(k.vex()).hasSize(1);
        });
  }

  private static String sbom(String version, String supplier, String purl) {
    return """
        {"bomFormat": "CycloneDX", "specVersion": "1.5", "version": 1,
         "serialNumber": "urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79",
         "metadata": {"component": {"type": "device", "name": "Infusion Hub", "version": "2.0",
           "supplier": {"name": "Acme Medical"}}},
         "components": [{"type": "library", "bom-ref": "openssl", "name": "openssl",
           "version": "%s"%s%s}]}
        """
        .formatted(
            version,
            supplier == null ? "" : ", \"supplier\": {\"name\": \"" + supplier + "\"}",
            purl == null ? "" : ", \"purl\": \"" + purl + "\"");
  }

  /** An OpenSSL advisory: {@code pkg:generic/openssl} in {@code range} is known affected. */
  private static String advisory(String range) {
    return csaf(
        "csaf_security_advisory",
        "OSSL-2099-1",
        "OpenSSL",
        "openssl",
        range,
        "pkg:generic/openssl",
        "\"known_affected\": [\"OSSL\"]",
        "");
  }

  /**
   * A maker's VEX saying its {@code product} is not affected, for {@code range} (no version at all
   * when null), identified by {@code purl} when not null.
   */
  private static String vex(String vendor, String product, String range, String purl) {
    return csaf(
        "csaf_vex",
        "ACME-VEX-1",
        vendor,
        product,
        range,
        purl,
        "\"known_not_affected\": [\"OSSL\"]",
        ", \"flags\": [{\"label\": \"vulnerable_code_not_present\", \"product_ids\": [\"OSSL\"]}],"
            + " \"threats\": [{\"category\": \"impact\", \"details\": \"Not built in.\","
            + " \"product_ids\": [\"OSSL\"]}]");
  }

  private static String csaf(
      String category,
      String id,
      String vendor,
      String product,
      String range,
      String purl,
      String status,
      String more) {
    String helper =
        purl == null ? "" : ", \"product_identification_helper\": {\"purl\": \"" + purl + "\"}";
    String leaf = "{\"name\": \"" + product + "\", \"product_id\": \"OSSL\"" + helper + "}";
    String productBranch =
        range == null
            ? "{\"category\": \"product_name\", \"name\": \""
                + product
                + "\", \"product\": "
                + leaf
                + "}"
            : "{\"category\": \"product_name\", \"name\": \""
                + product
                + "\", \"branches\": [{\"category\": \"product_version_range\", \"name\": \""
                + range
                + "\", \"product\": "
                + leaf
                + "}]}";
    return """
        {"document": {"category": "%s", "csaf_version": "2.0",
           "publisher": {"category": "vendor", "name": "%s", "namespace": "https://example.com"},
           "title": "%s",
           "tracking": {"current_release_date": "2024-02-01T10:00:00.000Z", "id": "%s",
             "initial_release_date": "2024-02-01T10:00:00.000Z",
             "revision_history": [{"date": "2024-02-01T10:00:00.000Z", "number": "1",
               "summary": "Initial version."}],
             "status": "final", "version": "1"}},
         "product_tree": {"branches": [{"category": "vendor", "name": "%s", "branches": [%s]}]},
         "vulnerabilities": [{"cve": "%s",
           "notes": [{"category": "description", "text": "A flaw.", "title": "CVE description"}],
           "product_status": {%s}%s}]}
        """
        .formatted(category, vendor, id, id, vendor, productBranch, CVE, status, more);
  }
}
