package io.ward.exposure.remediation;

import io.ward.exposure.AssessedFinding;
import io.ward.model.exposure.Decision;
import io.ward.model.exposure.FindingKind;
import io.ward.model.exposure.FindingStatus;
import io.ward.model.exposure.RemediationRecord;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Programme metrics: open findings by urgency, overdue records, mean time to remediate and the
 * share of devices on supported software.
 *
 * @param openByDecision open (affected or possibly affected) findings per decision
 * @param overdue records past their due date and not closed
 * @param meanDaysToRemediate mean days from opening to closing over closed records
 * @param supportedShare share (0 to 1) of the devices with no end-of-life finding
 */
public record RemediationMetrics(
    Map<Decision, Integer> openByDecision,
    int overdue,
    Optional<Double> meanDaysToRemediate,
    double supportedShare) {

  public RemediationMetrics {
    openByDecision = Map.copyOf(openByDecision);
  }

  /**
   * The label the open findings of a decision are reported under, by {@code ward vulns} and the
   * server alike: Ward's decision id ({@code act-now}, {@code act-soon}, {@code track}, {@code
   * defer}). Not an SSVC outcome: the risk assessor reads SSVC Act as act-now, Attend as act-soon
   * and both Track* and Track as track, then moves the decision a step for internet exposure or
   * each compensating control; defer is never an SSVC outcome by itself (see {@link Decision}).
   */
  public static String label(Decision decision) {
    return decision.id();
  }

  /** The metrics of a report's findings, the records, over {@code deviceCount} devices. */
  public static RemediationMetrics of(
      List<AssessedFinding> findings,
      Collection<RemediationRecord> records,
      int deviceCount,
      LocalDate today) {
    Map<Decision, Integer> open = new EnumMap<>(Decision.class);
    for (Decision d : Decision.values()) {
      open.put(d, 0);
    }
    Set<String> eol = new HashSet<>();
    for (AssessedFinding f : findings) {
      if (f.finding().status() != FindingStatus.NOT_AFFECTED) {
        open.merge(f.risk().decision(), 1, Integer::sum);
      }
      if (f.finding().kind() == FindingKind.END_OF_LIFE) {
        eol.add(f.finding().deviceId());
      }
    }
    int overdue = (int) records.stream().filter(r -> RemediationTracker.overdue(r, today)).count();
    Optional<Double> mttr =
        records.stream()
            .filter(r -> r.closed().isPresent())
            .mapToLong(r -> ChronoUnit.DAYS.between(r.opened(), r.closed().get()))
            .average()
            .stream()
            .boxed()
            .findFirst();
    double supported = deviceCount == 0 ? 1.0 : (deviceCount - eol.size()) / (double) deviceCount;
    return new RemediationMetrics(open, overdue, mttr, supported);
  }
}
