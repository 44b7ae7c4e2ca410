package io.ward.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Any config in range yields a parsable pcap whose counts match what the simulator reports. */
class PcapPropertyTest {

  @Property(tries = 8)
  void shouldWriteAParsablePcapForAnyConfigInRange(
      @ForAll @IntRange(min = SimulationConfig.MIN_DEVICES, max = 150) int devices,
      @ForAll @IntRange(min = 1, max = 2) int minutes,
      @ForAll long seed,
      @ForAll("attackSets") List<String> attacks) {
    SimulationConfig config =
        new SimulationConfig(
            devices, minutes, seed, attacks, SimulationConfig.DEFAULT_START_EPOCH_MILLIS);
    Simulations.Run run = Simulations.fresh(config);
    List<PcapReader.Packet> packets = run.packets();
    assertThat(packets).hasSize((int) run.result().packets());
    assertThat(packets.stream().mapToLong(p -> p.frame().length).sum())
        .isEqualTo(run.result().bytes());
    for (PcapReader.Packet p : packets) {
      assertThat(p.frame().length).isBetween(60, 1518);
      if (p.etherType() == 0x0800) {
        assertThat(PcapReader.ipv4ChecksumOk(p)).isTrue();
      }
    }
    assertThat(run.truthJson().path("devices").size()).isEqualTo(devices);
    assertThat(run.truthJson().path("attacks").size()).isEqualTo(attacks.size());
  }

  @Provide
  Arbitrary<List<String>> attackSets() {
    return Arbitraries.subsetOf(HospitalSimulator.attackNames())
        .map(
            set -> {
              List<String> ordered = new ArrayList<>();
              for (String name : HospitalSimulator.attackNames()) {
                if (set.contains(name)) {
                  ordered.add(name);
                }
              }
              return ordered;
            });
  }
}
