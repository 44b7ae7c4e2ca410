package io.ward.exposure;

import io.ward.exposure.feeds.FeedProblem;
import io.ward.model.exposure.DeviceRisk;
import java.util.List;
import java.util.Optional;

/**
 * What the exposure analysis found: every finding with its risk, most urgent first, and the risk of
 * every device with a finding, most urgent first.
 *
 * @param findings assessed findings, by score descending then id
 * @param devices device risks, by decision then score descending
 * @param problems feed problems carried over from the knowledge, for messages
 */
public record ExposureReport(
    List<AssessedFinding> findings, List<DeviceRisk> devices, List<FeedProblem> problems) {

  public ExposureReport {
    findings = List.copyOf(findings);
    devices = List.copyOf(devices);
    problems = List.copyOf(problems);
  }

  /** The findings of one device. */
  public List<AssessedFinding> findingsOf(String deviceId) {
    return findings.stream().filter(f -> f.finding().deviceId().equals(deviceId)).toList();
  }

  /** The risk of one device, when it has findings. */
  public Optional<DeviceRisk> deviceRisk(String deviceId) {
    return devices.stream().filter(d -> d.deviceId().equals(deviceId)).findFirst();
  }
}
