package io.ward.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimulationConfigTest {

  @Test
  void shouldStartAtTheFixedDefaultDateWithoutAttacks() {
    SimulationConfig c = SimulationConfig.of(100, 10, 7);
    assertThat(c.startEpochMillis()).isEqualTo(SimulationConfig.DEFAULT_START_EPOCH_MILLIS);
    assertThat(c.attacks()).isEmpty();
  }

  @Test
  void shouldRejectDeviceCountsOutsideTheAddressPlan() {
    assertThatThrownBy(() -> SimulationConfig.of(SimulationConfig.MIN_DEVICES - 1, 1, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("devices");
    assertThatThrownBy(() -> SimulationConfig.of(SimulationConfig.MAX_DEVICES + 1, 1, 1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldRejectEmptyOrOverlongWindows() {
    assertThatThrownBy(() -> SimulationConfig.of(100, 0, 1)).hasMessageContaining("minutes");
    assertThatThrownBy(() -> SimulationConfig.of(100, SimulationConfig.MAX_MINUTES + 1, 1))
        .hasMessageContaining("minutes");
  }

  @Test
  void shouldRejectUnknownAndRepeatedAttacks() {
    SimulationConfig c = SimulationConfig.of(100, 1, 1);
    assertThatThrownBy(() -> c.withAttacks(List.of("ddos")))
        .hasMessageContaining("unknown attack ddos");
    assertThatThrownBy(() -> c.withAttacks(List.of("port-scan", "port-scan")))
        .hasMessageContaining("twice");
  }

  @Test
  void shouldCopyTheAttackListSoLaterChangesDoNotLeakIn() {
    List<String> attacks = new ArrayList<>(List.of("port-scan"));
    SimulationConfig c = SimulationConfig.of(100, 1, 1).withAttacks(attacks);
    attacks.add("smbv1-exploit");
    assertThat(c.attacks()).containsExactly("port-scan");
  }

  @Test
  void shouldOfferAtLeastThePortScanAndTheSmbV1Exploit() {
    assertThat(HospitalSimulator.attackNames()).contains("port-scan", "smbv1-exploit");
  }
}
