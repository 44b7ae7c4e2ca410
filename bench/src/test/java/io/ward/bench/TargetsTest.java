package io.ward.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TargetsTest {

  static final CaptureFile PCAP =
      new CaptureFile("1× pcap", Path.of("c.pcap"), 1_000_000, 700_000_000, "test");
  static final CaptureFile LONG =
      new CaptureFile("2× pcap", Path.of("c2.pcap"), 2_000_000, 1_400_000_000, "test");

  @Test
  void shouldCompareMedianPacketRatesOfWardAndThePeer() {
    Map<String, Measurement> byId = new LinkedHashMap<>();
    put(byId, measurement(Contenders.WARD_FULL, PCAP, 256, 2.0, 1.0, 9.0));
    put(byId, measurement(Contenders.TSHARK_FIELDS, PCAP, 4096, 50.0, 40.0, 60.0));

    Target vsTshark = find(Targets.evaluate(byId), "vs tshark field extraction");

    assertThat(vsTshark.measured()).isCloseTo(25.0, within(1e-9));
    assertThat(vsTshark.met()).isFalse();
    assertThat(vsTshark.goal()).isEqualTo("≥ 50.0×");
    assertThat(vsTshark.basis()).isEqualTo("500,000 vs 20,000 packets/s; by CPU time 25.0×");
  }

  @Test
  void shouldGiveThePeersRatioByCpuTimeBesideTheOneByWallTime() {
    Map<String, Measurement> byId = new LinkedHashMap<>();
    // One Ward worker with its reading and inventory threads: 2 s of wall time, 3 s of CPU.
    put(byId, withCpu(Contenders.WARD_FULL, 2.0, 3.0));
    put(byId, withCpu(Contenders.NDPI, 8.0, 8.0));
    put(byId, withCpu(Contenders.WARD_TWO_WORKERS, 1.6, 3.6));

    List<Target> targets = Targets.evaluate(byId);
    Target vsNdpi = find(targets, "vs ndpiReader");
    Target twoWorkers = find(targets, "2 workers vs 1 worker");

    assertThat(vsNdpi.measured()).isCloseTo(4.0, within(1e-9));
    assertThat(vsNdpi.basis()).isEqualTo("500,000 vs 125,000 packets/s; by CPU time 2.67×");
    assertThat(twoWorkers.basis()).isEqualTo("625,000 vs 500,000 packets/s");
  }

  private static Measurement withCpu(String id, double seconds, double cpuSeconds) {
    Contender c = new Contender(id, id, PCAP, List.of("true"), Set.of(0));
    return new Measurement(c, List.of(new RunResult(seconds, 100 * 1024, cpuSeconds)));
  }

  @Test
  void shouldMeetAnUpperBoundOnPeakRssWhenWardUsesLessThanATenth() {
    Map<String, Measurement> byId = new LinkedHashMap<>();
    put(byId, measurement(Contenders.WARD_FULL, PCAP, 300, 1.0, 1.0, 1.0));
    put(byId, measurement(Contenders.TSHARK_FIELDS, PCAP, 4000, 50.0, 50.0, 50.0));

    Target rss = find(Targets.evaluate(byId), "peak RSS, full analysis vs tshark");

    assertThat(rss.measured()).isCloseTo(0.075, within(1e-9));
    assertThat(rss.met()).isTrue();
  }

  @Test
  void shouldCompareTheTwiceLongCaptureByMemoryNotByRate() {
    Map<String, Measurement> byId = new LinkedHashMap<>();
    put(byId, measurement(Contenders.WARD_FULL, PCAP, 400, 1.0, 1.0, 1.0));
    put(byId, measurement(Contenders.WARD_FULL_LONG, LONG, 480, 2.0, 2.0, 2.0));

    Target growth = find(Targets.evaluate(byId), "2× capture");

    assertThat(growth.measured()).isCloseTo(1.2, within(1e-9));
    assertThat(growth.met()).isFalse();
  }

  @Test
  void shouldLeaveOutTargetsWhosePeerWasNotRun() {
    Map<String, Measurement> byId = new LinkedHashMap<>();
    put(byId, measurement(Contenders.WARD_FULL, PCAP, 256, 2.0, 2.0, 2.0));

    assertThat(Targets.evaluate(byId))
        .extracting(Target::name)
        .containsExactly("full analysis, 1 worker vs 1M packets/s (the issue's ≈ figure)");
  }

  @Test
  void shouldSetTheHeaderWalksSpeedAgainstWhatEachPeerMultipleAsksFor() {
    Map<String, Measurement> byId = new LinkedHashMap<>();
    put(byId, measurement(Contenders.HEADER_WALK, PCAP, 70, 0.5, 0.4, 0.6));
    put(byId, measurement(Contenders.TSHARK_CONV, PCAP, 1600, 10.0, 10.0, 10.0));
    put(byId, measurement(Contenders.TSHARK_FIELDS, PCAP, 1600, 40.0, 40.0, 40.0));

    List<Targets.Ceiling> ceilings = Targets.ceilings(byId);

    assertThat(ceilings).hasSize(2);
    Targets.Ceiling fields = ceilings.get(0);
    assertThat(fields.target()).contains("tshark field extraction");
    assertThat(fields.askedPacketsPerSecond()).isCloseTo(1_250_000, within(1e-6));
    assertThat(fields.walkPacketsPerSecond()).isCloseTo(2_000_000, within(1e-6));
    assertThat(fields.reach()).isCloseTo(1.6, within(1e-9));
    // 50 × tshark's speed is 50 × less time for the same packets.
    assertThat(fields.allowedSeconds()).isCloseTo(40.0 / 50, within(1e-9));
    Targets.Ceiling conv = ceilings.get(1);
    assertThat(conv.target()).contains("conv,tcp");
    assertThat(conv.reach()).isCloseTo(0.4, within(1e-9));
  }

  @Test
  void shouldLeaveOutTheCeilingsWhenTheHeaderWalkWasNotRun() {
    Map<String, Measurement> byId = new LinkedHashMap<>();
    put(byId, measurement(Contenders.TSHARK_CONV, PCAP, 1600, 10.0, 10.0, 10.0));

    assertThat(Targets.ceilings(byId)).isEmpty();
  }

  @Test
  void shouldSplitTheFullAnalysisIntoItsStartAndTheRateOfThePacketsAfterIt() {
    CaptureFile start = new CaptureFile("1× start", Path.of("s.pcap"), 100_000, 70_000_000, "t");
    Map<String, Measurement> byId = new LinkedHashMap<>();
    put(byId, measurement(Contenders.WARD_FULL_START, start, 100, 0.5, 0.6, 0.7));
    put(byId, measurement(Contenders.WARD_FULL, PCAP, 120, 1.2, 1.1, 1.3));

    Targets.LaterRate r = Targets.laterRate(byId).orElseThrow();

    assertThat(r.laterPackets()).isEqualTo(900_000);
    assertThat(r.laterSeconds()).isCloseTo(0.6, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(r.laterPacketsPerSecond())
        .isCloseTo(1_500_000, org.assertj.core.data.Offset.offset(1e-3));
    // 1M packets in 1 s at most; the 900,000 later ones take 0.6 s of it.
    assertThat(r.startAllowedForAMillionSeconds())
        .isCloseTo(0.4, org.assertj.core.data.Offset.offset(1e-9));
  }

  @Test
  void shouldGiveNoLaterRateWithoutBothRunsOrWhenTheRestTookNoTime() {
    CaptureFile start = new CaptureFile("1× start", Path.of("s.pcap"), 100_000, 70_000_000, "t");
    Map<String, Measurement> onlyFull = new LinkedHashMap<>();
    put(onlyFull, measurement(Contenders.WARD_FULL, PCAP, 120, 1.2));
    assertThat(Targets.laterRate(onlyFull)).isEmpty();

    Map<String, Measurement> noLonger = new LinkedHashMap<>();
    put(noLonger, measurement(Contenders.WARD_FULL_START, start, 100, 1.3));
    put(noLonger, measurement(Contenders.WARD_FULL, PCAP, 120, 1.2));
    assertThat(Targets.laterRate(noLonger)).isEmpty();
  }

  static Measurement measurement(
      String id, CaptureFile input, long rssMebibytes, double... seconds) {
    Contender c = new Contender(id, id, input, List.of("true"), Set.of(0));
    List<RunResult> runs =
        java.util.Arrays.stream(seconds)
            .mapToObj(s -> new RunResult(s, rssMebibytes * 1024, s / 2))
            .toList();
    return new Measurement(c, runs);
  }

  private static void put(Map<String, Measurement> byId, Measurement m) {
    byId.put(m.contender().id(), m);
  }

  private static Target find(List<Target> targets, String nameFragment) {
    return targets.stream()
        .filter(t -> t.name().contains(nameFragment))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no target named *" + nameFragment + "*"));
  }
}
