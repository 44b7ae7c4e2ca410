package io.ward.engine;

import io.ward.capture.CaptureEngine;
import io.ward.capture.CaptureFormatException;
import io.ward.capture.CaptureOptions;
import io.ward.capture.CaptureSource;
import io.ward.capture.CaptureSummary;
import io.ward.capture.ProgressListener;
import io.ward.capture.dissect.ObservationSink;
import io.ward.inventory.InventoryBuilder;
import io.ward.inventory.KnowledgeBase;
import io.ward.inventory.KnowledgeBaseException;
import io.ward.model.Flow;
import io.ward.model.Observation;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The pipeline from captures to an explained inventory: the one place that knows the order capture
 * → inventory. The CLI and the server call this; it holds no global state.
 */
public final class Analyzer {

  private final AnalysisOptions options;
  private final KnowledgeBase knowledge;

  /** Loads the fingerprint knowledge base once; reuse the analyzer for many analyses. */
  public Analyzer(AnalysisOptions options) throws KnowledgeBaseException {
    this.options = options;
    this.knowledge = KnowledgeBase.load(options.knowledgeDir());
  }

  /**
   * Analyses the captures in order, as one observation period. A capture that is empty, unreadable
   * or not a capture is reported in {@link AnalysisResult#problems()} and skipped; the others are
   * still analysed.
   *
   * @throws IOException only for failures that are not about the input (e.g. a dissector bug
   *     surfacing as an I/O error of the engine's own)
   */
  public AnalysisResult analyze(List<CaptureSource> sources, ProgressListener progress)
      throws IOException {
    CaptureEngine engine =
        new CaptureEngine(
            CaptureOptions.defaults()
                .withWorkers(options.workers())
                .withDecodeOnly(options.decodeOnly()));
    InventoryBuilder inventory = new InventoryBuilder(knowledge);
    FlowStatistics flowStats = new FlowStatistics(options.maxListedConversations());
    CountingSink sink = new CountingSink(inventory, flowStats);
    List<CaptureSummary> summaries = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (CaptureSource source : sources) {
      try {
        summaries.add(engine.analyze(source, sink, progress));
      } catch (CaptureFormatException e) {
        problems.add(e.getMessage());
      }
    }
    return new AnalysisResult(
        summaries,
        problems,
        inventory.build(),
        flowStats.summary(),
        sink.observations,
        knowledge.ouiSource());
  }

  /** Feeds the inventory and the flow statistics; the engine never calls it concurrently. */
  private static final class CountingSink implements ObservationSink {
    private final InventoryBuilder inventory;
    private final FlowStatistics flowStats;
    private long observations;

    CountingSink(InventoryBuilder inventory, FlowStatistics flowStats) {
      this.inventory = inventory;
      this.flowStats = flowStats;
    }

    @Override
    public void observation(Observation observation) {
      observations++;
      inventory.observation(observation);
    }

    @Override
    public void flow(Flow flow) {
      inventory.flow(flow);
      flowStats.add(flow);
    }
  }
}
