package io.ward.exposure.feeds.cyclonedx;

import static org.assertj.core.api.Assertions.assertThat;

import io.ward.exposure.feeds.FeedResult;
import io.ward.exposure.feeds.Fixtures;
import io.ward.exposure.feeds.TestData;
import io.ward.model.exposure.Sbom;
import io.ward.model.exposure.SbomComponent;
import io.ward.model.exposure.VexJustification;
import io.ward.model.exposure.VexStatement;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CycloneDxReaderTest {

  private static final Path SBOM = TestData.path("sbom");

  private final CycloneDxReader reader = new CycloneDxReader();

  @Test
  void shouldReadTheRealMedicalDeviceSbomsWithCpeAndPurlOnEveryComponent() {
    Sbom narrow =
        reader
            .read(SBOM.resolve("medical-device-casestudy/narrow.sbom.json"))
            .items()
            .get(0)
            .sbom()
            .orElseThrow();
    Sbom extended =
        reader
            .read(SBOM.resolve("medical-device-casestudy/extended.sbom.json"))
            .items()
            .get(0)
            .sbom()
            .orElseThrow();

    assertThat(narrow.components()).hasSize(55);
    assertThat(extended.components()).hasSize(65);
    assertThat(narrow.components())
        .allSatisfy(
            c -> {
              assertThat(c.cpe()).isPresent();
              assertThat(c.purl()).isPresent();
            });
    assertThat(narrow.components())
        .anySatisfy(
            c -> {
              assertThat(c.name()).isEqualTo("Qualcomm Atheros QCA9563");
              assertThat(c.type()).contains("device");
              assertThat(c.supplier()).contains("Qualcomm");
              assertThat(c.version()).isEmpty();
            });
    assertThat(narrow.subjectModel()).contains("REDACTED");
  }

  @Test
  void shouldReadTheTimestampOfARealSbomWithMicroseconds() {
    // metadata.timestamp "2025-07-23T20:52:41.344402+00:00": cyclonedx-core-java leaves it unread,
    // and two copies of the SBOM could not be told apart by it (the later one used).
    assertThat(
            reader
                .read(SBOM.resolve("medical-device-casestudy/narrow.sbom.json"))
                .items()
                .get(0)
                .revision()
                .released())
        .contains(java.time.Instant.parse("2025-07-23T20:52:41.344402Z"));
  }

  @Test
  void shouldLetTheCallerNameTheDevice() {
    SbomSubject subject =
        new SbomSubject(Optional.of("Acme"), Optional.of("Pump 9"), Optional.of("2.1"));
    Sbom sbom =
        reader
            .read(SBOM.resolve("medical-device-casestudy/narrow.sbom.json"), subject)
            .items()
            .get(0)
            .sbom()
            .orElseThrow();

    assertThat(sbom.subjectVendor()).contains("Acme");
    assertThat(sbom.subjectModel()).contains("Pump 9");
    assertThat(sbom.subjectVersion()).contains("2.1");
  }

  @Test
  void shouldReadCisaVexUseCasesWithJustificationAndResolvedProduct() {
    VexStatement notAffected =
        reader
            .read(SBOM.resolve("cyclonedx-examples/vex-cisa-case1-not_affected.json"))
            .items()
            .get(0)
            .vex()
            .get(0);
    VexStatement affected =
        reader
            .read(SBOM.resolve("cyclonedx-examples/vex-cisa-case1-affected.json"))
            .items()
            .get(0)
            .vex()
            .get(0);
    CycloneDxContent case2 =
        reader.read(SBOM.resolve("cyclonedx-examples/vex-cisa-case2.json")).items().get(0);

    assertThat(notAffected.vulnerability()).isEqualTo("CVE-2021-44228");
    assertThat(notAffected.status()).isEqualTo(VexStatement.VexStatus.NOT_AFFECTED);
    assertThat(notAffected.justification()).contains(VexJustification.CODE_NOT_PRESENT);
    assertThat(notAffected.detail()).get().asString().contains("not affected");
    assertThat(notAffected.productRef()).isEqualTo("product-ABC");
    assertThat(notAffected.product())
        .get()
        .extracting(SbomComponent::name, c -> c.version().orElse(""))
        .containsExactly("ABC", "4.2");
    assertThat(affected.status()).isEqualTo(VexStatement.VexStatus.AFFECTED);
    assertThat(case2.sbom()).isEmpty();
    assertThat(case2.vex()).hasSize(19);
  }

  @Test
  void shouldReadXmlBomsAndFlattenNestedComponents() {
    FeedResult<CycloneDxContent> result =
        reader.read(Fixtures.path("cyclonedx/infusion-pump-sbom.xml"));
    Sbom sbom = result.items().get(0).sbom().orElseThrow();

    assertThat(result.problems()).isEmpty();
    assertThat(sbom.subjectVendor()).contains("Example Infusion Systems");
    assertThat(sbom.subjectModel()).contains("LVP-8015");
    assertThat(sbom.subjectVersion()).contains("12.1.3");
    assertThat(sbom.serialNumber()).contains("urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79");
    assertThat(sbom.components())
        .extracting(SbomComponent::name)
        .containsExactly("vxworks", "ipnet", "openssl");
    assertThat(sbom.components().get(0).cpe())
        .contains("cpe:2.3:o:windriver:vxworks:6.9:*:*:*:*:*:*:*");
    assertThat(sbom.components().get(2).group()).contains("org.openssl");
  }

  @Test
  void shouldReportBrokenAndHostileDocumentsWithoutLeakingFiles(@TempDir Path dir)
      throws IOException {
    Path secret = dir.resolve("secret.txt");
    Files.writeString(secret, "TOPSECRET");
    Path xxe = dir.resolve("xxe.xml");
    Files.writeString(
        xxe,
        "<?xml version=\"1.0\"?><!DOCTYPE bom [<!ENTITY x SYSTEM \""
            + secret.toUri()
            + "\">]>"
            + "<bom xmlns=\"http://cyclonedx.org/schema/bom/1.5\" version=\"1\"><components>"
            + "<component type=\"library\"><name>&x;</name><version>1</version></component>"
            + "</components></bom>");
    Path truncated = dir.resolve("truncated.json");
    Files.writeString(
        truncated,
        "{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.4\",\"components\":[{\"name\":");

    FeedResult<CycloneDxContent> hostile = reader.read(xxe);
    FeedResult<CycloneDxContent> broken = reader.read(truncated);

    assertThat(
            hostile.items().stream()
                .flatMap(c -> c.sbom().stream())
                .flatMap(s -> s.components().stream()))
        .noneSatisfy(c -> assertThat(c.name()).contains("TOPSECRET"));
    assertThat(broken.items()).isEmpty();
    assertThat(broken.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.file()).endsWith("truncated.json");
              assertThat(p.isError()).isTrue();
            });
  }
}
