package io.ward.server.exposure;

import static org.assertj.core.api.Assertions.assertThat;

import io.ward.model.exposure.AdvisorySource;
import org.junit.jupiter.api.Test;

/**
 * An advisory's source is stored as the enum's name and served as its kebab-case id; either stored
 * form reads as the same source.
 */
class StoredAdvisorySourceTest {

  @Test
  void shouldServeEveryStoredSourceAsItsId() {
    assertThat(StoredAdvisorySource.shown("CSAF")).isEqualTo("csaf");
    assertThat(StoredAdvisorySource.shown("CVE5")).isEqualTo("cve5");
    assertThat(StoredAdvisorySource.shown("CYCLONEDX_VEX")).isEqualTo("cyclonedx-vex");
    for (AdvisorySource s : AdvisorySource.values()) {
      assertThat(StoredAdvisorySource.shown(s.name())).isEqualTo(s.id());
      assertThat(StoredAdvisorySource.shown(s.id())).as("an id stored").isEqualTo(s.id());
      assertThat(StoredAdvisorySource.parse(s.id())).contains(s);
      assertThat(s.id()).matches("[a-z0-9]+(-[a-z0-9]+)*");
    }
  }

  @Test
  void shouldShowAValueThatIsNoneOfWardsAsItIs() {
    assertThat(StoredAdvisorySource.shown("vendor-xml")).isEqualTo("vendor-xml");
    assertThat(StoredAdvisorySource.parse("csaf ")).isEmpty();
  }
}
