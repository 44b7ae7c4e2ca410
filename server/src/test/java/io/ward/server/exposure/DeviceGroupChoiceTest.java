package io.ward.server.exposure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The advisory page's product choice names the group's vendor, model and firmware exactly. */
class DeviceGroupChoiceTest {

  @Test
  void shouldGiveBackTheSameVendorModelAndFirmwareEvenEmptyOrWithSeparators() {
    AdvisoryQueries.DeviceGroup g =
        new AdvisoryQueries.DeviceGroup("B. Braun / Melsungen", "Space+ 2", "", 7);

    AdvisoryQueries.DeviceGroup back = AdvisoryQueries.DeviceGroup.ofChoice(g.choice());

    assertThat(back.vendor()).isEqualTo("B. Braun / Melsungen");
    assertThat(back.model()).isEqualTo("Space+ 2");
    assertThat(back.firmware()).isEmpty();
  }

  @Test
  void shouldRefuseAValueThatIsNotAChoice() {
    assertThatThrownBy(() -> AdvisoryQueries.DeviceGroup.ofChoice("3"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("product must be one of the listed device groups");
    assertThatThrownBy(() -> AdvisoryQueries.DeviceGroup.ofChoice("a/b/c/d"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
