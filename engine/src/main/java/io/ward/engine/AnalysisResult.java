package io.ward.engine;

import io.ward.capture.CaptureSummary;
import io.ward.model.Device;
import io.ward.model.ExternalEndpoint;
import java.util.List;

/**
 * Everything one analysis produced.
 *
 * @param captures one summary per capture read, in the order given
 * @param problems one message per capture that could not be read ("file: problem")
 * @param devices the inventory, sorted by id
 * @param flows what the flows add up to
 * @param observations how many observations the dissectors emitted
 * @param knowledgeSource where the OUI registry came from, for the report
 * @param external the internet hosts the devices talked to, which are not devices, by address
 */
public record AnalysisResult(
    List<CaptureSummary> captures,
    List<String> problems,
    List<Device> devices,
    FlowSummary flows,
    long observations,
    String knowledgeSource,
    List<ExternalEndpoint> external) {

  /** A result with no external endpoint. */
  public AnalysisResult(
      List<CaptureSummary> captures,
      List<String> problems,
      List<Device> devices,
      FlowSummary flows,
      long observations,
      String knowledgeSource) {
    this(captures, problems, devices, flows, observations, knowledgeSource, List.of());
  }

  public AnalysisResult {
    captures = List.copyOf(captures);
    problems = List.copyOf(problems);
    devices = List.copyOf(devices);
    external = List.copyOf(external);
  }

  /** True when any capture was damaged or produced a warning. */
  public boolean hasWarnings() {
    return captures.stream()
        .anyMatch(c -> c.truncatedAtOffset().isPresent() || !c.warnings().isEmpty());
  }
}
