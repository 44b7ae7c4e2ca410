package io.ward.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ServerCpuTest {

  @Test
  void shouldAddUserAndSystemTicksCountingFieldsAfterACommandNameWithSpaces() {
    String stat =
        "4242 (java (main) x) S 1 4242 4242 0 -1 4194304 5000 0 12 0 250 75 0 0 20 0 40 0 1 0";
    assertThat(ServerCpu.parseProcessSeconds(stat)).isEqualTo(3.25);
  }

  @Test
  void shouldCountIdleAndIowaitAsNotBusy() {
    double[] m = ServerCpu.parseMachine("cpu  600 0 100 250 50 0 0 0 0 0");
    assertThat(m[0]).isEqualTo(7.0);
    assertThat(m[1]).isEqualTo(10.0);
  }

  @Test
  void shouldGiveOthersWhatTheMeasuredProcessesDidNotUse() {
    ServerCpu.Snapshot before = new ServerCpu.Snapshot(1, 1, 1, 10, 20);
    ServerCpu.Snapshot after = new ServerCpu.Snapshot(3, 2, 1.5, 16, 28);
    ServerCpu.Snapshot used = after.minus(before);
    assertThat(used.server()).isEqualTo(2.0);
    assertThat(used.machineTotal()).isEqualTo(8.0);
    assertThat(used.others()).isEqualTo(2.5);
  }
}
