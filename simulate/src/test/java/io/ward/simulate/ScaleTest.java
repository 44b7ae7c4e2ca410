package io.ward.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A 100k-device hospital streams millions of frames in memory bounded by the number of devices.
 * Slow: run with {@code -Pslow}. Nothing about time is asserted.
 */
@Tag("slow")
class ScaleTest {

  /** Counts what it is given and keeps nothing. */
  private static final class CountingSink extends OutputStream {
    long bytes;

    @Override
    public void write(int b) {
      bytes++;
    }

    @Override
    public void write(byte[] b, int off, int len) {
      bytes += len;
    }
  }

  @Test
  void shouldStreamAHundredThousandDevicesInMemoryBoundedByTheDevices() throws Exception {
    int devices = 100_000;
    SimulationConfig config =
        SimulationConfig.of(devices, 5, 20_240_304).withAttacks(HospitalSimulator.attackNames());
    HospitalSimulator simulator = new HospitalSimulator(config);
    CountingSink pcap = new CountingSink();
    CountingSink truth = new CountingSink();
    SimulationResult r = simulator.run(pcap, Optional.of(truth));

    assertThat(r.devices()).isEqualTo(devices);
    assertThat(r.packets()).isGreaterThan(5_000_000);
    assertThat(pcap.bytes).isEqualTo(24 + 16 * r.packets() + r.bytes());
    assertThat(truth.bytes).isGreaterThan(devices * 300L);
    // Pending work: each device's recurring activities plus the conversations in flight.
    assertThat(simulator.lastMaxQueue()).isLessThan(12 * devices);
    System.gc();
    Runtime rt = Runtime.getRuntime();
    long usedMiB = (rt.totalMemory() - rt.freeMemory()) >> 20;
    assertThat(usedMiB).as("heap in use after the run, MiB").isLessThan(1024);
  }
}
