package io.ward.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.ward.capture.CaptureSource;
import io.ward.capture.ProgressListener;
import io.ward.model.Flow;
import io.ward.simulate.HospitalSimulator;
import io.ward.simulate.SimulationConfig;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With several workers each feeds an inventory of its own, merged at the end: the result must be
 * the one worker's, device for device.
 */
class AnalyzerWorkersTest {
  @TempDir Path dir;

  @Test
  void shouldGiveTheSameInventoryWithOneOrSeveralWorkers() throws Exception {
    Path pcap = dir.resolve("hospital.pcap");
    try (OutputStream out = Files.newOutputStream(pcap)) {
      new HospitalSimulator(SimulationConfig.of(120, 6, 11)).run(out, Optional.empty());
    }
    List<CaptureSource> sources =
        List.of(
            CaptureSource.ofPath(pcap),
            CaptureSource.ofPath(KnowledgeInBackgroundTest.data().resolve("pcaps/ndpi/hl7.pcap")));

    AnalysisResult one = analyze(sources, 1);
    assertThat(one.devices()).hasSizeGreaterThan(100);
    for (int workers : new int[] {2, 3}) {
      AnalysisResult many = analyze(sources, workers);
      assertThat(many.devices()).as("%d workers", workers).isEqualTo(one.devices());
      assertThat(many.observations()).isEqualTo(one.observations());
      assertThat(many.flows().flows()).isEqualTo(one.flows().flows());
      assertThat(many.flows().byProtocol()).isEqualTo(one.flows().byProtocol());
      assertThat(many.flows().cleartextConversations())
          .isEqualTo(one.flows().cleartextConversations());
    }
  }

  @Test
  void shouldListTheSameCleartextConversationsWhateverOrderFlowsArriveIn() throws Exception {
    // More cleartext conversations than the cap: which are listed must not depend on which worker
    // finished a flow first (it did until session 11, so two runs wrote different JSON).
    Path pcap = dir.resolve("hospital.pcap");
    try (OutputStream out = Files.newOutputStream(pcap)) {
      new HospitalSimulator(SimulationConfig.of(80, 6, 5)).run(out, Optional.empty());
    }
    AnalysisOptions capped = new AnalysisOptions(1, Optional.empty(), 25, false);
    AnalysisResult one =
        new Analyzer(capped).analyze(List.of(CaptureSource.ofPath(pcap)), ProgressListener.NONE);
    assertThat(one.flows().cleartextNotListed()).isPositive();
    List<Flow> listed = one.flows().cleartextConversations();
    assertThat(listed).hasSize(25).isSortedAccordingTo(FlowStatistics.ORDER);
    for (int run = 0; run < 3; run++) {
      AnalysisResult two =
          new Analyzer(capped.withWorkers(2))
              .analyze(List.of(CaptureSource.ofPath(pcap)), ProgressListener.NONE);
      assertThat(two.flows().cleartextConversations()).isEqualTo(listed);
      assertThat(two.flows().cleartextNotListed()).isEqualTo(one.flows().cleartextNotListed());
    }
  }

  private static AnalysisResult analyze(List<CaptureSource> sources, int workers) throws Exception {
    return new Analyzer(AnalysisOptions.defaults().withWorkers(workers))
        .analyze(sources, ProgressListener.NONE);
  }
}
