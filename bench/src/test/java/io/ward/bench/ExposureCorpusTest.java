package io.ward.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.ward.exposure.version.LegacyRanges;
import io.ward.exposure.version.Vers;
import io.ward.model.exposure.Advisory;
import io.ward.model.exposure.AdvisorySource;
import io.ward.model.exposure.AffectedProduct;
import io.ward.model.exposure.VersionConstraint;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The synthetic corpus is seeded and shaped as Ward's NVD reader builds advisories. */
class ExposureCorpusTest {

  private static final ExposureCorpus.Corpus SMALL =
      ExposureCorpus.generate(ExposureCorpus.Settings.small(3));

  @Test
  void shouldGiveTheSameCorpusForTheSameSeedAndAnotherForAnother() {
    ExposureCorpus.Corpus again = ExposureCorpus.generate(ExposureCorpus.Settings.small(3));
    assertThat(again.advisories()).isEqualTo(SMALL.advisories());
    assertThat(again.devices()).isEqualTo(SMALL.devices());
    assertThat(again.sboms()).isEqualTo(SMALL.sboms());
    ExposureCorpus.Corpus other = ExposureCorpus.generate(ExposureCorpus.Settings.small(4));
    assertThat(other.advisories()).isNotEqualTo(SMALL.advisories());
  }

  @Test
  void shouldShapeNvdStatementsAsTheNvdReaderDoes() {
    List<Advisory> nvd =
        SMALL.advisories().stream().filter(a -> a.source() == AdvisorySource.NVD).toList();
    assertThat(nvd).hasSizeGreaterThan(SMALL.advisories().size() * 9 / 10);
    for (Advisory a : nvd) {
      assertThat(a.vulnerabilities()).hasSize(1);
      assertThat(a.vulnerabilities().get(0).cve()).contains(a.id());
      for (AffectedProduct p : a.products()) {
        // NvdReader: the criteria is the name and the only CPE; vendor and product its fields.
        assertThat(p.cpes()).containsExactly(p.name());
        String[] fields = p.name().split(":");
        assertThat(p.vendor()).contains(fields[3]);
        assertThat(p.productName()).contains(fields[4]);
        VersionConstraint c = p.version();
        if (c instanceof VersionConstraint.Exact) {
          assertThat(((VersionConstraint.Exact) c).version()).isEqualTo(fields[5]);
        } else {
          assertThat(c).isInstanceOf(VersionConstraint.Vers.class);
          assertThat(Vers.tryParse(((VersionConstraint.Vers) c).vers())).isPresent();
        }
      }
    }
  }

  @Test
  void shouldWriteMedicalAdvisoriesWithFreeTextRangesWardCanMostlyRead() {
    List<VersionConstraint.Legacy> legacy =
        SMALL.advisories().stream()
            .filter(a -> a.source() == AdvisorySource.CSAF)
            .flatMap(a -> a.products().stream())
            .map(AffectedProduct::version)
            .filter(VersionConstraint.Legacy.class::isInstance)
            .map(VersionConstraint.Legacy.class::cast)
            .toList();
    assertThat(legacy).isNotEmpty();
    long readable = legacy.stream().filter(l -> LegacyRanges.parse(l.text()).isPresent()).count();
    assertThat(readable).isGreaterThan(legacy.size() * 8 / 10);
  }

  @Test
  void shouldGiveDevicesSbomsAndNewArrivals() {
    assertThat(SMALL.devices()).hasSize(1_000);
    assertThat(SMALL.extraDevices()).hasSize(40);
    assertThat(SMALL.extraAdvisories()).hasSize(20);
    assertThat(SMALL.sboms()).isNotEmpty().allMatch(s -> s.components().size() >= 9);
    assertThat(SMALL.statements())
        .isEqualTo(SMALL.advisories().stream().mapToLong(a -> a.products().size()).sum());
  }
}
