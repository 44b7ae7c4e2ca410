package io.ward.exposure.risk;

import io.ward.model.exposure.Decision;
import io.ward.model.exposure.DeviceRisk;
import io.ward.model.exposure.Finding;
import io.ward.model.exposure.FindingStatus;
import io.ward.model.exposure.RiskAssessment;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** Sums up a device's findings into its risk: the worst findings, the counts, the same reasons. */
public final class DeviceRiskRollup {

  private DeviceRiskRollup() {}

  /** The risk of a device from its findings and their assessments (by finding id). */
  public static DeviceRisk of(
      String deviceId, List<Finding> findings, Map<String, RiskAssessment> risks) {
    int affected = 0;
    int possibly = 0;
    int not = 0;
    List<Finding> open = new ArrayList<>();
    for (Finding f : findings) {
      if (f.status() == FindingStatus.AFFECTED) {
        affected++;
      } else if (f.status() == FindingStatus.POSSIBLY_AFFECTED) {
        possibly++;
      } else {
        not++;
      }
      if (f.status() != FindingStatus.NOT_AFFECTED && risks.containsKey(f.id())) {
        open.add(f);
      }
    }
    open.sort(
        Comparator.<Finding>comparingInt(f -> -risks.get(f.id()).score())
            .thenComparing(f -> risks.get(f.id()).decision())
            .thenComparing(Finding::id));
    List<String> worst = open.stream().limit(5).map(Finding::id).toList();
    Decision decision =
        open.stream()
            .map(f -> risks.get(f.id()).decision())
            .min(Comparator.naturalOrder())
            .orElse(Decision.DEFER);
    int score = open.isEmpty() ? 0 : risks.get(open.get(0).id()).score();
    List<String> why = new ArrayList<>();
    why.add(
        affected
            + " affected, "
            + possibly
            + " possibly affected, "
            + not
            + " checked and not affected");
    if (!open.isEmpty()) {
      Finding top = open.get(0);
      RiskAssessment r = risks.get(top.id());
      why.add(
          "worst: "
              + top.vulnerability()
              + " ("
              + top.advisoryId()
              + ") — "
              + r.decision().id()
              + ", score "
              + r.score());
      why.addAll(r.rationale());
    } else {
      why.add("no open finding");
    }
    return new DeviceRisk(deviceId, decision, score, affected, possibly, not, worst, why);
  }
}
