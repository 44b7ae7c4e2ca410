package io.ward.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class MarkdownReportTest {

  @Test
  void shouldPrintEveryProcessWithItsMediansAndEveryTargetWithItsVerdict() {
    Measurement ward =
        TargetsTest.measurement(Contenders.WARD_FULL, TargetsTest.PCAP, 256, 3, 1, 2);
    Measurement ndpi = TargetsTest.measurement(Contenders.NDPI, TargetsTest.PCAP, 100, 4, 4, 4);
    Map<String, Measurement> byId = new LinkedHashMap<>();
    byId.put(ward.contender().id(), ward);
    byId.put(ndpi.contender().id(), ndpi);
    MachineInfo machine =
        new MachineInfo(2, "24000000 kB", "Test CPU", List.of("openjdk 17"), "TShark 4", "nDPI 4");
    RunContext run =
        new RunContext(
            "bench/capture-bench.sh --small",
            "2024-01-01T00:00Z",
            3,
            machine,
            "1 1 1",
            "2 2 2",
            "abc123");

    String md =
        MarkdownReport.render(
            run,
            List.of(TargetsTest.PCAP),
            List.of(ward, ndpi),
            Targets.evaluate(byId),
            List.of(
                new Targets.Ceiling(
                    "decoding ≥ 50× tshark conv,tcp", 4_000_000, 3_000_000, 1_000_000)),
            Optional.of(new Targets.LaterRate(100_000, 0.8, 1_000_000, 2.0)),
            Optional.of(
                new Targets.TwoCoreBound(PhaseSplitTest.split(), 2, OptionalDouble.of(1.23))),
            List.of());

    assertThat(md)
        .contains("Reproduce: `bench/capture-bench.sh --small`")
        .contains("2 processors (Test CPU), 24000000 kB")
        .contains("- Ward: built from `abc123`.\n")
        .contains(
            "| ward-full | 1× pcap | 2.00 | 3.00, 1.00, 2.00 | 1.00 | 500,000 | 350.0 | 256.0 |")
        .contains(
            "| ndpiReader | 1× pcap | 4.00 | 4.00, 4.00, 4.00 | 2.00 | 250,000 | 175.0 | 100.0 |")
        .contains(
            "| full analysis, 1 worker vs ndpiReader | 500,000 vs 250,000 packets/s; by CPU time"
                + " 2.00× | 2.00× |"
                + " ≥ 3.00× | **no** |")
        .contains("| decoding ≥ 50× tshark conv,tcp | 4,000,000 | 0.25 | 3,000,000 | 0.75× |")
        .contains(
            "Against that time: Ward's start alone (the JVM, the command line and setup, before"
                + " the first packet is read) took 0.40 s in the full analysis's `--timings` run"
                + " of median length below (its own reading of the JVM's clocks included;"
                + " decode-only starts the same way), and launch and exit around the JVM's clock"
                + " 0.10 s; writing the inventory and its"
                + " JSON took 0.40 s after the last packet of the full analysis.")
        .contains("## The full analysis's start and its rate after it")
        .contains(
            "`ward-full-start` analyses only the first 100,000 packets of the 1× capture, as"
                + " `ward-full` does the whole: its 0.80 s are")
        .contains(
            "The other 900,000 packets added 1.20 s: **750,000 packets/s** after the start"
                + " (0.75× the issue's 1M packets/s). At that rate no start, however short, brings"
                + " the 1× capture to 1M packets/s.")
        .contains("## What two workers can reach on this machine")
        .contains("| launch and exit (outside the JVM's clock) | 0.10 |  |")
        .contains("| reading the packets (collector pauses 0.50 s) | 5.00 | 5.70 |")
        .contains("| whole process | 5.90 | 6.79 |")
        .contains(
            "Two workers: at least 3.75 s, so at most **1.57×** the speed of one; with the"
                + " collector's pauses serial, at least 4.00 s, at most **1.47×** (goal ≥ 1.60×;"
                + " measured 1.23× in the timed runs).");
  }

  @Test
  void shouldSayHowShortTheStartMustBeWhenTheLaterPacketsGoFasterThanAMillionASecond() {
    String md = fullAnalysisOnly(Optional.of(new Targets.LaterRate(100_000, 1.4, 1_000_000, 2.0)));

    assertThat(md)
        .contains(
            "The other 900,000 packets added 0.60 s: **1,500,000 packets/s** after the start"
                + " (1.50× the issue's 1M packets/s). At that rate the 1× capture as a whole"
                + " reaches 1M packets/s when the start takes at most 0.40 s; a longer capture"
                + " dilutes the start (see `ward-full-2x-capture`).");
  }

  @Test
  void shouldLeaveOutTheStartSectionWhenTheStartWasNotRun() {
    Measurement ward = fullAnalysis();

    String md = fullAnalysisOnly(Targets.laterRate(Map.of(Contenders.WARD_FULL, ward)));

    assertThat(md).doesNotContain("start and its rate").contains("| ward-full |");
  }

  private static Measurement fullAnalysis() {
    return TargetsTest.measurement(Contenders.WARD_FULL, TargetsTest.PCAP, 256, 3, 1, 2);
  }

  /** The report of a run of the full analysis alone, with {@code laterRate}. */
  private static String fullAnalysisOnly(Optional<Targets.LaterRate> laterRate) {
    MachineInfo machine =
        new MachineInfo(2, "24000000 kB", "Test CPU", List.of("openjdk 17"), "TShark 4", "nDPI 4");
    RunContext run =
        new RunContext("bench/capture-bench.sh", "2024-01-01T00:00Z", 3, machine, "1", "1", "a");
    return MarkdownReport.render(
        run,
        List.of(TargetsTest.PCAP),
        List.of(fullAnalysis()),
        List.of(),
        List.of(),
        laterRate,
        Optional.empty(),
        List.of());
  }
}
