package io.ward.server.ingest;

import io.ward.capture.CaptureEngine;
import io.ward.capture.CaptureOptions;
import io.ward.capture.CaptureSource;
import io.ward.capture.CaptureSummary;
import io.ward.capture.ProgressListener;
import io.ward.capture.dissect.ObservationSink;
import io.ward.inventory.Inventory;
import io.ward.inventory.InventoryBuilder;
import io.ward.inventory.KnowledgeBase;
import io.ward.model.Device;
import io.ward.model.ExternalEndpoint;
import io.ward.model.Flow;
import io.ward.model.IpNetwork;
import io.ward.model.Observation;
import io.ward.server.inventory.ExternalEndpointsSeen;
import io.ward.server.inventory.FlowHourRow;
import io.ward.server.inventory.FlowHours;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads one capture into an inventory and per-hour flow sums in one pass. It runs the same capture
 * engine and inventory builder, in the same order, as {@code io.ward.engine.Analyzer}, and also
 * keeps every flow for the stored flow hours (the analyzer only keeps statistics).
 */
final class CapturePipeline {
  private final KnowledgeBase knowledge;
  private final int workers;
  private final List<IpNetwork> internalNetworks;

  CapturePipeline(KnowledgeBase knowledge, int workers, List<IpNetwork> internalNetworks) {
    this.knowledge = knowledge;
    this.workers = workers;
    this.internalNetworks = List.copyOf(internalNetworks);
  }

  /**
   * What one capture gave: its devices, and apart from them the external endpoints they talked to
   * (stored apart from the devices, see {@link #externalSeen()}).
   */
  record Result(
      CaptureSummary summary,
      List<Device> devices,
      List<ExternalEndpoint> external,
      FlowHours flows,
      long observations,
      List<IpNetwork> internalNetworks) {

    /** The flow hours between the devices; flows with an external endpoint are left out. */
    List<FlowHourRow> flowHours() {
      return flows.resolve(devices, external);
    }

    /** The external endpoints, with each device's traffic with them. */
    ExternalEndpointsSeen externalSeen() {
      return new ExternalEndpointsSeen(
          external, flows.external(devices, external), internalNetworks);
    }
  }

  /**
   * Analyses the capture at {@code file}.
   *
   * @throws io.ward.capture.CaptureFormatException not a capture, empty or unreadable
   * @throws java.io.InterruptedIOException the job was cancelled
   */
  Result analyze(Path file, String displayName, ProgressListener progress) throws IOException {
    CaptureEngine engine = new CaptureEngine(CaptureOptions.defaults().withWorkers(workers));
    InventoryBuilder inventory = new InventoryBuilder(knowledge);
    FlowHours flows = new FlowHours();
    Sink sink = new Sink(inventory, flows);
    CaptureSummary summary = engine.analyze(CaptureSource.ofPath(file), sink, progress);
    Inventory found = inventory.inventory(1, internalNetworks);
    return new Result(
        summary, found.devices(), found.external(), flows, sink.observations, internalNetworks);
  }

  /** Feeds the inventory and the flow hours; the engine never calls it concurrently. */
  private static final class Sink implements ObservationSink {
    private final InventoryBuilder inventory;
    private final FlowHours flows;
    long observations;

    Sink(InventoryBuilder inventory, FlowHours flows) {
      this.inventory = inventory;
      this.flows = flows;
    }

    @Override
    public void observation(Observation observation) {
      observations++;
      inventory.observation(observation);
    }

    @Override
    public void flow(Flow flow) {
      inventory.flow(flow);
      flows.add(flow);
    }
  }
}
