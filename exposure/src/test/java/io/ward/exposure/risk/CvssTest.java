package io.ward.exposure.risk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CvssTest {

  @Test
  void shouldScoreV31BaseTemporalAndEnvironmentalGroups() {
    CvssV3 v = CvssV3.parse("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H");
    assertThat(v.baseScore()).isEqualTo(9.8);
    assertThat(v.with("E", "U").with("RL", "O").with("RC", "U").temporalScore()).isEqualTo(7.8);
    CvssV3 low = CvssV3.parse("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:L/A:N");
    assertThat(low.baseScore()).isEqualTo(6.5);
    assertThat(low.with("CR", "H").with("IR", "H").environmentalScore()).isEqualTo(7.5);
    assertThat(low.with("CR", "L").with("IR", "L").environmentalScore()).isLessThan(6.5);
    assertThat(low.environmentalScore()).isEqualTo(low.baseScore());
  }

  @Test
  void shouldScoreScopeChangeAndZeroImpact() {
    assertThat(CvssV3.parse("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H").baseScore())
        .isEqualTo(10.0);
    assertThat(CvssV3.parse("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N").baseScore())
        .isEqualTo(0.0);
    assertThat(CvssV3.parse("CVSS:3.0/AV:A/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H").baseScore())
        .isEqualTo(7.5);
  }

  @Test
  void shouldScoreV4VectorsWithThreatAndEnvironmentalMetrics() {
    CvssV4 v = CvssV4.parse("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N");
    assertThat(v.macroVector()).isEqualTo("000200");
    assertThat(v.score()).isEqualTo(9.3);
    assertThat(
            CvssV4.parse("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:L/VI:L/VA:L/SC:N/SI:N/SA:N").score())
        .isEqualTo(6.9);
    assertThat(v.with("E", "U").score()).isLessThan(v.score());
    assertThat(v.with("E", "U").macroVector()).isEqualTo("000220");
    assertThat(v.with("CR", "L").with("IR", "L").with("AR", "L").score()).isLessThan(9.3);
    assertThat(v.with("MSI", "S").macroVector()).startsWith("0000");
    assertThat(
            CvssV4.parse("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:N/SC:N/SI:N/SA:N").score())
        .isEqualTo(0.0);
  }

  @Test
  void shouldRejectMalformedVectorsWithTheDeclaredException() {
    assertThatThrownBy(() -> CvssV3.parse("CVSS:3.1/AV:N/AC:L")).isInstanceOf(CvssException.class);
    assertThatThrownBy(() -> CvssV3.parse("CVSS:2.0/AV:N")).isInstanceOf(CvssException.class);
    assertThatThrownBy(() -> CvssV3.parse("CVSS:3.1/AV:Q/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"))
        .isInstanceOf(CvssException.class);
    assertThatThrownBy(() -> CvssV4.parse("CVSS:4.0/AV:N/AV:N")).isInstanceOf(CvssException.class);
    assertThat(
            CvssV4.parse("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/U:Red")
                .metric("U"))
        .isEqualTo("Red");
  }
}
