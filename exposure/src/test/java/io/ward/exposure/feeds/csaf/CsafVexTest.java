package io.ward.exposure.feeds.csaf;

import static org.assertj.core.api.Assertions.assertThat;

import io.ward.exposure.feeds.FeedResult;
import io.ward.exposure.feeds.Fixtures;
import io.ward.model.exposure.Advisory;
import io.ward.model.exposure.AffectedProduct;
import io.ward.model.exposure.ProductRelationship;
import io.ward.model.exposure.VersionConstraint;
import io.ward.model.exposure.VexDevice;
import io.ward.model.exposure.VexJustification;
import io.ward.model.exposure.VexStatement;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsafVexTest {

  private final FeedResult<Advisory> result =
      new CsafReader().read(Fixtures.path("csaf/vex-infusion-pump.json"));

  @Test
  void shouldReadAValidVexDocumentWithRelationshipsGroupsAndHelpers() {
    assertThat(result.problems()).isEmpty();
    Advisory a = result.items().get(0);
    AffectedProduct combined = a.product("LVP-12.1.3:OPENSSL").orElseThrow();
    assertThat(combined.relationship())
        .contains(
            new ProductRelationship(
                ProductRelationship.Category.DEFAULT_COMPONENT_OF, "OPENSSL-1.0.1f", "LVP-12.1.3"));
    assertThat(combined.vendor()).contains("OpenSSL");
    assertThat(combined.version()).isEqualTo(new VersionConstraint.Exact("1.0.1f"));
    assertThat(combined.purls()).containsExactly("pkg:generic/openssl@1.0.1f");
    assertThat(a.product("LVP-12.0").orElseThrow().version())
        .isEqualTo(new VersionConstraint.Vers("vers:generic/>=12.0|<12.1.3"));
    assertThat(a.product("LVP-12.1.3").orElseThrow().modelNumbers()).containsExactly("LVP-8015*");
  }

  @Test
  void shouldTurnProductStatusIntoVexStatementsWithJustificationAndImpact() {
    List<VexStatement> statements = CsafVex.statements(result.items().get(0));

    assertThat(statements).hasSize(4);
    VexStatement notAffected = statements.get(0);
    assertThat(notAffected.vulnerability()).isEqualTo("CVE-2021-44228");
    assertThat(notAffected.status()).isEqualTo(VexStatement.VexStatus.NOT_AFFECTED);
    assertThat(notAffected.justification()).contains(VexJustification.COMPONENT_NOT_PRESENT);
    assertThat(notAffected.detail()).contains("The pump firmware contains no Java runtime.");
    assertThat(notAffected.product().orElseThrow().version()).contains("12.1.3");
    assertThat(statements)
        .filteredOn(s -> s.status() == VexStatement.VexStatus.AFFECTED)
        .singleElement()
        .satisfies(s -> assertThat(s.detail()).contains("Update to firmware 12.1.4."));
    assertThat(statements).filteredOn(s -> s.status() == VexStatement.VexStatus.FIXED).hasSize(1);
  }

  @Test
  void shouldCarryTheVersionsOfEachStatementRangesIncluded() {
    List<VexStatement> statements = CsafVex.statements(result.items().get(0));

    // A range product has no single version: the range itself must reach the analyzer, or the
    // statement would read as "every version".
    VexStatement range =
        statements.stream()
            .filter(s -> s.productRef().equals("LVP-12.0"))
            .findFirst()
            .orElseThrow();
    assertThat(range.product().orElseThrow().version()).isEmpty();
    assertThat(range.versions())
        .isEqualTo(new VersionConstraint.Vers("vers:generic/>=12.0|<12.1.3"));
    assertThat(statements.get(0).versions()).isEqualTo(new VersionConstraint.Exact("12.1.3"));
  }

  @Test
  void shouldPlaceAStatementAboutACombinationInItsPlatform() {
    Advisory a = result.items().get(0);
    List<VexStatement> statements = CsafVex.statements(a);

    // OpenSSL 1.0.1f in the LVP-8015 12.1.3: about that pump, not every device with OpenSSL.
    assertThat(statements)
        .filteredOn(s -> s.productRef().equals("LVP-12.1.3:OPENSSL"))
        .singleElement()
        .satisfies(s -> assertThat(s.platform()).isEqualTo(a.product("LVP-12.1.3")));
    assertThat(statements)
        .filteredOn(s -> s.productRef().equals("LVP-12.0"))
        .allSatisfy(s -> assertThat(s.platform()).isEmpty());
  }

  @Test
  void shouldTakeAProductThatIsNoCombinationAsPerhapsADeviceAsAWhole() {
    Advisory a = result.items().get(0);
    List<VexStatement> statements = CsafVex.statements(a);

    // "LVP-8015 12.1.3 is not affected by Log4Shell": about every finding on such a pump.
    assertThat(statements)
        .filteredOn(s -> s.productRef().equals("LVP-12.1.3"))
        .singleElement()
        .satisfies(
            s ->
                assertThat(s.device())
                    .contains(new VexDevice.Product(a.product("LVP-12.1.3").orElseThrow())));
    // OpenSSL inside the pump is a component, not the pump.
    assertThat(statements)
        .filteredOn(s -> s.productRef().equals("LVP-12.1.3:OPENSSL"))
        .singleElement()
        .satisfies(s -> assertThat(s.device()).isEmpty());
  }

  @Test
  void shouldKeepAnUndefinedPlatformByItsReferenceAlone(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("vex.json");
    Files.writeString(
        file,
        """
        {"document": {"category": "csaf_vex", "csaf_version": "2.0", "title": "VEX",
           "publisher": {"category": "vendor", "name": "Acme", "namespace": "https://example.com"},
           "tracking": {"id": "ACME-VEX-9", "status": "final", "version": "1",
             "initial_release_date": "2024-01-01T00:00:00Z",
             "current_release_date": "2024-01-01T00:00:00Z", "revision_history": []}},
         "product_tree": {
           "full_product_names": [{"name": "OpenSSL 1.0.2", "product_id": "OSSL"}],
           "relationships": [{"category": "installed_on", "product_reference": "OSSL",
             "relates_to_product_reference": "DEVICE-X",
             "full_product_name": {"name": "OpenSSL in X", "product_id": "OSSL-IN-X"}}]},
         "vulnerabilities": [{"cve": "CVE-2099-1",
           "product_status": {"known_not_affected": ["OSSL-IN-X"]}}]}
        """);
    Advisory a = new CsafReader(false).read(file).items().get(0);

    // The reader warns of the undefined product; the statement must not lose its scope for that.
    assertThat(CsafVex.statements(a))
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.platform().orElseThrow().name()).isEqualTo("DEVICE-X");
              assertThat(s.platform().orElseThrow().vendor()).isEmpty();
            });
  }
}
