package io.ward.engine;

import io.ward.capture.CaptureEngine;
import io.ward.capture.CaptureFormatException;
import io.ward.capture.CaptureOptions;
import io.ward.capture.CaptureSource;
import io.ward.capture.CaptureSummary;
import io.ward.capture.ProgressListener;
import io.ward.capture.dissect.ObservationSink;
import io.ward.capture.dissect.PartitionedSink;
import io.ward.inventory.Inventory;
import io.ward.inventory.InventoryBuilder;
import io.ward.inventory.KnowledgeBase;
import io.ward.inventory.KnowledgeBaseException;
import io.ward.model.Endpoint;
import io.ward.model.Facts;
import io.ward.model.Flow;
import io.ward.model.Observation;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The pipeline from captures to an explained inventory: the one place that knows the order capture
 * → inventory. The CLI and the server call this; it holds no global state.
 */
public final class Analyzer {

  private final AnalysisOptions options;
  private final KnowledgeInBackground knowledge;

  /** Observations and flows held while the knowledge base loads, at most. */
  private static final int DEFAULT_MAX_WAITING = 250_000;

  private final int maxWaiting;

  /**
   * Loads the fingerprint knowledge base once; reuse the analyzer for many analyses. A user's
   * knowledge directory is read here, so that its mistakes are reported at once; the bundled
   * knowledge alone loads in the background while the first capture is read.
   *
   * @throws KnowledgeBaseException the user's knowledge directory is unreadable or invalid
   */
  public Analyzer(AnalysisOptions options) throws KnowledgeBaseException {
    this(options, knowledge(options, KnowledgeInBackground::start), DEFAULT_MAX_WAITING);
  }

  /**
   * Like {@link #Analyzer(AnalysisOptions)}, with the bundled knowledge already loading in {@code
   * bundled} (started by the command line before it parsed its options); it is used only when
   * {@code options} name no knowledge directory of the user's.
   *
   * @throws KnowledgeBaseException the user's knowledge directory is unreadable or invalid
   */
  public Analyzer(AnalysisOptions options, KnowledgeInBackground bundled)
      throws KnowledgeBaseException {
    this(options, knowledge(options, () -> bundled), DEFAULT_MAX_WAITING);
  }

  /** The user's knowledge directory, loaded now with the bundled files; else the bundled load. */
  private static KnowledgeInBackground knowledge(
      AnalysisOptions options, Supplier<KnowledgeInBackground> bundled)
      throws KnowledgeBaseException {
    return options.knowledgeDir().isPresent()
        ? KnowledgeInBackground.of(KnowledgeBase.load(options.knowledgeDir()))
        : bundled.get();
  }

  /** An analyzer whose knowledge arrives when {@code knowledge} says (tests). */
  Analyzer(AnalysisOptions options, KnowledgeInBackground knowledge, int maxWaiting) {
    this.options = options;
    this.knowledge = knowledge;
    this.maxWaiting = maxWaiting;
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
    FlowStatistics flowStats = new FlowStatistics(options.maxListedConversations());
    AnalysisSink sink = new AnalysisSink(flowStats);
    List<CaptureSummary> summaries = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (CaptureSource source : sources) {
      try {
        summaries.add(engine.analyze(source, sink, progress));
      } catch (CaptureFormatException e) {
        problems.add(e.getMessage());
      }
    }
    Inventory inventory = sink.inventory().inventory(assemblyThreads(), options.internalNetworks());
    return new AnalysisResult(
        summaries,
        problems,
        inventory.devices(),
        flowStats.summary(),
        sink.observations(),
        knowledgeBase().ouiSource(),
        inventory.external());
  }

  /**
   * The threads that assemble the devices once the captures are read: one per processor, since
   * nothing else runs then, and at least one per worker. With one worker on two processors, two
   * threads assembled a 10,000-device capture's inventory 0.39 s sooner than one (5.03 -> 4.64 s in
   * all, 5 of 6 interleaved runs; session 23); the result is the same for any number.
   */
  private int assemblyThreads() {
    return Math.max(options.workers(), Runtime.getRuntime().availableProcessors());
  }

  private KnowledgeBase knowledgeBase() {
    try {
      return knowledge.get();
    } catch (KnowledgeBaseException e) {
      // Only the bundled knowledge loads in the background: its failure is a broken build.
      throw new IllegalStateException("bundled knowledge base: " + e.getMessage(), e);
    }
  }

  /**
   * What the capture engine feeds: with several workers, a {@link CountingSink} of its own for each
   * (they would otherwise queue for one lock on the inventory), merged when the captures are read;
   * the flow statistics are shared.
   */
  private final class AnalysisSink implements PartitionedSink {
    private final FlowStatistics flowStats;
    private final List<CountingSink> parts = new ArrayList<>();

    AnalysisSink(FlowStatistics flowStats) {
      this.flowStats = flowStats;
      parts.add(new CountingSink(knowledge, flowStats));
    }

    @Override
    public ObservationSink forWorker(int worker) {
      while (parts.size() <= worker) {
        parts.add(new CountingSink(knowledge, flowStats));
      }
      return parts.get(worker);
    }

    @Override
    public void observation(Observation observation) {
      parts.get(0).observation(observation);
    }

    @Override
    public void observations(long epochNanos, Endpoint subject, Facts facts) {
      parts.get(0).observations(epochNanos, subject, facts);
    }

    @Override
    public void flow(Flow flow) {
      parts.get(0).flow(flow);
    }

    /** All parts' input merged into the first part's builder; call once per analysis. */
    InventoryBuilder inventory() {
      InventoryBuilder all = parts.get(0).inventory();
      for (int i = 1; i < parts.size(); i++) {
        all.merge(parts.get(i).inventory());
      }
      return all;
    }

    long observations() {
      return parts.stream().mapToLong(p -> p.observations).sum();
    }
  }

  /**
   * Feeds one inventory and the shared flow statistics, from one thread at a time. Until the
   * knowledge base has loaded, input waits in a bounded list (the inventory's result does not
   * depend on input order); when the list is full, the sink waits for the knowledge base.
   */
  private final class CountingSink implements ObservationSink {
    private final KnowledgeInBackground knowledge;
    private final FlowStatistics flowStats;
    private final List<Object> waiting = new ArrayList<>();
    private InventoryBuilder inventory; // null while the knowledge base loads
    private long observations;

    CountingSink(KnowledgeInBackground knowledge, FlowStatistics flowStats) {
      this.knowledge = knowledge;
      this.flowStats = flowStats;
    }

    @Override
    public void observation(Observation observation) {
      observations++;
      if (inventory != null || ready()) {
        inventory.observation(observation);
      } else {
        waiting.add(observation);
      }
    }

    @Override
    public void observations(long epochNanos, Endpoint subject, Facts facts) {
      if (inventory != null || ready()) {
        observations += facts.size();
        inventory.observations(epochNanos, subject, facts);
      } else {
        for (int i = 0; i < facts.size(); i++) {
          observation(facts.observation(i, epochNanos, subject));
        }
      }
    }

    @Override
    public void flow(Flow flow) {
      flowStats.add(flow);
      if (inventory != null || ready()) {
        inventory.flow(flow);
      } else {
        waiting.add(flow);
      }
    }

    /** The inventory, once the knowledge base is there; waits for it. */
    InventoryBuilder inventory() {
      if (inventory == null) {
        start();
      }
      return inventory;
    }

    private boolean ready() {
      if (!knowledge.isReady() && waiting.size() < maxWaiting) {
        return false;
      }
      start();
      return true;
    }

    private void start() {
      inventory = new InventoryBuilder(knowledgeBase());
      for (Object o : waiting) {
        if (o instanceof Observation) {
          inventory.observation((Observation) o);
        } else {
          inventory.flow((Flow) o);
        }
      }
      waiting.clear();
    }
  }
}
