package io.ward.exposure.risk;

import io.ward.model.exposure.CvssScore;
import io.ward.model.exposure.Decision;
import io.ward.model.exposure.EpssScore;
import io.ward.model.exposure.Finding;
import io.ward.model.exposure.FindingStatus;
import io.ward.model.exposure.KevEntry;
import io.ward.model.exposure.RiskAssessment;
import io.ward.model.exposure.SsvcAssessment;
import io.ward.model.exposure.Vulnerability;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Scores one finding in its clinical context and decides how urgently to act, explaining each
 * input. Decision: CISA's SSVC tree (exploitation, automatable, technical impact, mission and
 * well-being) gives act / attend / track* / track, read as act now / act soon / track / track; then
 * internet exposure raises it one step, each compensating control lowers it one step, and a KEV
 * entry with no control keeps it at act soon or above. The 0–100 score sorts findings: clinical
 * CVSS ×5, KEV +15, ransomware +5, EPSS up to +10, well-being up to +10, exposure up to +10,
 * automatable +5, −5 per control, ×0.75 when only possibly affected, 0 when not affected.
 *
 * <p>{@link CompensatingControl#SERVICE_NOT_OBSERVED} (the service the flaw is reached through was
 * not seen in use, {@link ServiceUse}) is a weaker path, not a closed one: the port may still
 * listen. So it never lifts the KEV floor (an actively exploited flaw stays at act soon or above
 * unless a control that closes the path is in place), and it does not lower a device reachable from
 * the internet, where scanners find a listening port whether or not anyone uses it.
 */
public final class RiskAssessor {

  private RiskAssessor() {}

  /** The risk of a finding. */
  public static RiskAssessment assess(
      Finding finding,
      Optional<Vulnerability> vulnerability,
      Optional<KevEntry> kev,
      Optional<EpssScore> epss,
      ClinicalContext clinical,
      DeviceExposure exposure) {
    return assess(finding, vulnerability, kev, epss, clinical, exposure, Optional.empty());
  }

  /**
   * The risk of a finding, with what the device's traffic says about the service the flaw is
   * reached through: a service not observed in use adds {@link
   * CompensatingControl#SERVICE_NOT_OBSERVED} to the device's controls.
   */
  public static RiskAssessment assess(
      Finding finding,
      Optional<Vulnerability> vulnerability,
      Optional<KevEntry> kev,
      Optional<EpssScore> epss,
      ClinicalContext clinical,
      DeviceExposure exposure,
      Optional<ServiceUse> service) {
    List<String> why = new ArrayList<>();
    Optional<String> productId = finding.matchedBy().productId();
    Optional<CvssScore> cvss = vulnerability.flatMap(v -> pickScore(v, productId));
    Optional<SsvcAssessment> published = vulnerability.flatMap(v -> v.ssvc().stream().findFirst());

    String exploitation = exploitation(kev, published, cvss, why);
    Optional<Double> base = Optional.empty();
    Optional<Double> clinicalScore = Optional.empty();
    boolean automatable = false;
    String technical = "partial";
    if (cvss.isPresent()) {
      try {
        Scored s = score(cvss.get(), clinical, exploitation);
        base = Optional.of(s.base);
        clinicalScore = Optional.of(s.clinical);
        automatable = s.automatable;
        technical = s.technical;
        why.add(
            "CVSS "
                + cvss.get().vector()
                + ": base "
                + s.base
                + ", clinical "
                + s.clinical
                + " (CR:"
                + clinical.confidentiality()
                + " IR:"
                + clinical.integrity()
                + " AR:"
                + clinical.availability()
                + " from the medical-device rubric)");
      } catch (CvssException e) {
        why.add("CVSS vector not readable (" + e.getMessage() + "); scored as medium");
      }
    } else {
      why.add("no CVSS vector published; scored as medium (5.0)");
    }
    if (published.isPresent()) {
      automatable = published.get().automatable().equalsIgnoreCase("yes");
      technical = published.get().technicalImpact().toLowerCase(Locale.ROOT);
      why.add(
          "SSVC published by "
              + published.get().source()
              + ": automatable "
              + published.get().automatable()
              + ", technical impact "
              + technical);
    } else {
      why.add(
          "automatable: "
              + (automatable ? "yes" : "no")
              + ", technical impact: "
              + technical
              + " (derived from the CVSS vector)");
    }
    if (!technical.equals("total")) {
      technical = "partial";
    }
    why.addAll(clinical.reasons());
    why.add("mission & well-being impact: " + clinical.missionWellbeing());

    String level =
        SsvcTree.level(exploitation, automatable, technical, clinical.missionWellbeing());
    int step = level.equals("act") ? 0 : level.equals("attend") ? 1 : 2;
    why.add("SSVC (CISA tree): " + level);
    if (exposure.exposure() == Exposure.INTERNET) {
      step--;
      why.add("exposure: reachable from the internet, one step more urgent");
    } else {
      why.add(
          "exposure: "
              + (exposure.exposure() == Exposure.UNKNOWN
                  ? "unknown, treated as enterprise-reachable"
                  : exposure.exposure().id()));
      if (exposure.exposure() == Exposure.SEGMENTED) {
        step++;
        why.add("device only reachable inside its segment, one step less urgent");
      }
    }
    Set<CompensatingControl> controls = EnumSet.noneOf(CompensatingControl.class);
    controls.addAll(exposure.controls());
    if (service.isPresent() && service.get().notObserved()) {
      controls.add(CompensatingControl.SERVICE_NOT_OBSERVED);
    } else {
      service.ifPresent(s -> why.add(s.explanation()));
    }
    boolean internet = exposure.exposure() == Exposure.INTERNET;
    int applied = 0;
    for (CompensatingControl c : controls) {
      String what =
          c == CompensatingControl.SERVICE_NOT_OBSERVED && service.isPresent()
              ? "compensating control " + c.id() + ": " + service.get().explanation()
              : "compensating control " + c.id();
      if (c == CompensatingControl.SERVICE_NOT_OBSERVED && internet) {
        why.add(
            what
                + "; not counted: the device is reachable from the internet, where scanners find a"
                + " listening port whether or not anyone uses it");
        continue;
      }
      applied++;
      if (c == CompensatingControl.SEGMENTATION && exposure.exposure() == Exposure.SEGMENTED) {
        continue; // already counted as exposure
      }
      step++;
      why.add(what + ", one step less urgent");
    }
    boolean closing =
        controls.stream().anyMatch(c -> c != CompensatingControl.SERVICE_NOT_OBSERVED);
    if (kev.isPresent() && !closing && step > 1) {
      step = 1;
      why.add(
          controls.isEmpty()
              ? "in CISA KEV with no compensating control: at least act soon"
              : "in CISA KEV: at least act soon, since a service not observed in use does not close"
                  + " the path");
    }
    step = Math.max(0, Math.min(3, step));
    Decision decision = Decision.values()[step];
    if (finding.status() == FindingStatus.NOT_AFFECTED) {
      decision = Decision.DEFER;
      why.add("not affected: " + finding.statusReason().orElse("vendor statement"));
    } else if (finding.status() == FindingStatus.POSSIBLY_AFFECTED) {
      why.add(
          "possibly affected: " + finding.statusReason().orElse("") + " — confirm before acting");
    }

    int score =
        score(finding, clinicalScore, kev, epss, clinical, exposure, applied, automatable, why);
    why.add("decision: " + decision.id() + ", score " + score);
    return new RiskAssessment(
        cvss.map(CvssScore::vector),
        base,
        clinicalScore,
        kev.isPresent(),
        kev.map(KevEntry::knownRansomwareCampaignUse).orElse(false),
        epss.map(EpssScore::score),
        exploitation,
        automatable,
        technical,
        clinical.missionWellbeing(),
        decision,
        score,
        why);
  }

  private static String exploitation(
      Optional<KevEntry> kev,
      Optional<SsvcAssessment> ssvc,
      Optional<CvssScore> cvss,
      List<String> why) {
    if (kev.isPresent()) {
      why.add(
          "exploitation active: in CISA KEV since "
              + kev.get().dateAdded()
              + kev.get().dueDate().map(d -> ", CISA remediation due date " + d).orElse("")
              + (kev.get().knownRansomwareCampaignUse() ? ", used in ransomware campaigns" : ""));
      return "active";
    }
    if (ssvc.isPresent()) {
      String e = ssvc.get().exploitation().toLowerCase(Locale.ROOT);
      String value = e.startsWith("act") ? "active" : e.contains("poc") ? "poc" : "none";
      why.add("exploitation " + value + " (SSVC by " + ssvc.get().source() + ")");
      return value;
    }
    if (cvss.isPresent()) {
      String v = cvss.get().vector();
      if (v.contains("/E:A")) {
        why.add("exploitation active (CVSS threat metric E:A)");
        return "active";
      }
      if (v.contains("/E:P") || v.contains("/E:F") || v.contains("/E:H")) {
        why.add("exploitation poc (CVSS exploit maturity)");
        return "poc";
      }
    }
    why.add("exploitation none known (not in KEV, no published exploit status)");
    return "none";
  }

  private record Scored(double base, double clinical, boolean automatable, String technical) {}

  private static Scored score(CvssScore score, ClinicalContext c, String exploitation) {
    String vector = score.vector();
    if (vector.startsWith("CVSS:4.0")) {
      CvssV4 v = CvssV4.parse(vector);
      double base = v.score();
      CvssV4 env =
          v.with("CR", c.confidentiality()).with("IR", c.integrity()).with("AR", c.availability());
      if (exploitation.equals("active")) {
        env = env.with("E", "A");
      } else if (exploitation.equals("poc")) {
        env = env.with("E", "P");
      }
      boolean auto =
          v.metric("AV").equals("N")
              && v.metric("AC").equals("L")
              && v.metric("AT").equals("N")
              && v.metric("PR").equals("N")
              && v.metric("UI").equals("N");
      return new Scored(
          base, env.score(), auto, technical(v.metric("PR"), v.metric("VC"), v.metric("VI")));
    }
    CvssV3 v = CvssV3.parse(vector);
    CvssV3 env =
        v.with("CR", c.confidentiality()).with("IR", c.integrity()).with("AR", c.availability());
    boolean auto =
        v.metric("AV").equals("N")
            && v.metric("AC").equals("L")
            && v.metric("PR").equals("N")
            && v.metric("UI").equals("N");
    return new Scored(
        v.baseScore(),
        env.environmentalScore(),
        auto,
        technical(v.metric("PR"), v.metric("C"), v.metric("I")));
  }

  /** SSVC technical impact from CVSS (CERT/CC cvssv4_to_technical_impact table). */
  static String technical(String pr, String c, String i) {
    boolean total =
        (c.equals("H") && i.equals("H"))
            || (pr.equals("N")
                && ((c.equals("H") && i.equals("L")) || (c.equals("L") && i.equals("H"))));
    return total ? "total" : "partial";
  }

  private static Optional<CvssScore> pickScore(Vulnerability v, Optional<String> productId) {
    List<CvssScore> applicable =
        v.scores().stream()
            .filter(
                s ->
                    s.productIds().isEmpty()
                        || productId.map(s.productIds()::contains).orElse(true))
            .toList();
    return applicable.stream()
        .filter(s -> s.version() == CvssScore.Version.V4_0)
        .findFirst()
        .or(() -> applicable.stream().filter(s -> s.version().isV3()).findFirst());
  }

  private static int score(
      Finding f,
      Optional<Double> clinicalScore,
      Optional<KevEntry> kev,
      Optional<EpssScore> epss,
      ClinicalContext c,
      DeviceExposure exposure,
      int controls,
      boolean automatable,
      List<String> why) {
    if (f.status() == FindingStatus.NOT_AFFECTED) {
      return 0;
    }
    double cvss = clinicalScore.orElse(5.0);
    double s = cvss * 5;
    List<String> parts = new ArrayList<>();
    parts.add(String.format(Locale.ROOT, "severity %.1f×5=%.0f", cvss, cvss * 5));
    if (kev.isPresent()) {
      s += 15;
      parts.add("KEV +15");
      if (kev.get().knownRansomwareCampaignUse()) {
        s += 5;
        parts.add("ransomware +5");
      }
    }
    if (epss.isPresent()) {
      double e = 10 * epss.get().percentile();
      s += e;
      parts.add(
          String.format(
              Locale.ROOT,
              "EPSS %.3f (percentile %.2f) +%.1f",
              epss.get().score(),
              epss.get().percentile(),
              e));
    }
    int mw =
        c.missionWellbeing().equals("high") ? 10 : c.missionWellbeing().equals("medium") ? 5 : 0;
    s += mw;
    parts.add("well-being +" + mw);
    int ex =
        exposure.exposure() == Exposure.INTERNET
            ? 10
            : exposure.exposure() == Exposure.SEGMENTED ? 0 : 5;
    s += ex;
    parts.add("exposure +" + ex);
    if (automatable) {
      s += 5;
      parts.add("automatable +5");
    }
    if (controls > 0) {
      s -= 5 * controls;
      parts.add("controls -" + 5 * controls);
    }
    if (f.status() == FindingStatus.POSSIBLY_AFFECTED) {
      s *= 0.75;
      parts.add("possibly affected ×0.75");
    }
    int out = (int) Math.round(Math.max(0, Math.min(100, s)));
    why.add("score: " + String.join(", ", parts));
    return out;
  }
}
