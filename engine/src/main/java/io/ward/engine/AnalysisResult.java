package io.ward.engine;

import io.ward.capture.CaptureSummary;
import io.ward.model.Device;
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
 */
public record AnalysisResult(
    List<CaptureSummary> captures,
    List<String> problems,
    List<Device> devices,
    FlowSummary flows,
    long observations,
    String knowledgeSource) {

  public AnalysisResult {
    captures = List.copyOf(captures);
    problems = List.copyOf(problems);
    devices = List.copyOf(devices);
  }

  /** True when any capture was damaged or produced a warning. */
  public boolean hasWarnings() {
    return captures.stream()
        .anyMatch(c -> c.truncatedAtOffset().isPresent() || !c.warnings().isEmpty());
  }
}
