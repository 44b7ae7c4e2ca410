package io.ward.exposure.risk;

import java.util.List;
import java.util.Map;

/**
 * A CVSS v3.0 / v3.1 vector with its base, temporal and environmental scores computed from the
 * FIRST specification formulas (v3.1 §7.1–7.4, Roundup per Appendix A; v3.0 rounds up with {@code
 * ceil(x*10)/10} and uses the v3.0 modified-impact exponent).
 */
public final class CvssV3 {

  private static final Map<String, String> ALLOWED =
      Map.ofEntries(
          Map.entry("AV", "NALP"),
          Map.entry("AC", "LH"),
          Map.entry("PR", "NLH"),
          Map.entry("UI", "NR"),
          Map.entry("S", "UC"),
          Map.entry("C", "NLH"),
          Map.entry("I", "NLH"),
          Map.entry("A", "NLH"),
          Map.entry("E", "XUPFH"),
          Map.entry("RL", "XOTWU"),
          Map.entry("RC", "XURC"),
          Map.entry("CR", "XLMH"),
          Map.entry("IR", "XLMH"),
          Map.entry("AR", "XLMH"),
          Map.entry("MAV", "XNALP"),
          Map.entry("MAC", "XLH"),
          Map.entry("MPR", "XNLH"),
          Map.entry("MUI", "XNR"),
          Map.entry("MS", "XUC"),
          Map.entry("MC", "XNLH"),
          Map.entry("MI", "XNLH"),
          Map.entry("MA", "XNLH"));

  private static final List<String> BASE = List.of("AV", "AC", "PR", "UI", "S", "C", "I", "A");

  private final CvssVector vector;
  private final boolean v31;

  private CvssV3(CvssVector vector) {
    this.vector = vector;
    this.v31 = vector.prefix().equals("CVSS:3.1");
  }

  /**
   * Reads a {@code CVSS:3.0/…} or {@code CVSS:3.1/…} vector.
   *
   * @throws CvssException when it is malformed or lacks a base metric
   */
  public static CvssV3 parse(String vector) {
    return new CvssV3(CvssVector.parse(vector, List.of("CVSS:3.0", "CVSS:3.1"), ALLOWED, BASE));
  }

  /** The vector string. */
  public String vector() {
    return vector.toString();
  }

  /** The metric value as written ({@code X} when absent), e.g. {@code metric("AV")}. */
  public String metric(String key) {
    return vector.get(key);
  }

  /** A copy with one metric set, e.g. {@code with("IR", "H")}. */
  public CvssV3 with(String key, String value) {
    CvssV3 copy = new CvssV3(vector.with(key, value));
    parse(copy.vector()); // validates the value
    return copy;
  }

  /** The base score, 0.0 to 10.0. */
  public double baseScore() {
    double iss = 1 - (1 - cia(metric("C"))) * (1 - cia(metric("I"))) * (1 - cia(metric("A")));
    boolean changed = metric("S").equals("C");
    double impact = changed ? 7.52 * (iss - 0.029) - 3.25 * Math.pow(iss - 0.02, 15) : 6.42 * iss;
    double exploitability =
        8.22 * av(metric("AV")) * ac(metric("AC")) * pr(metric("PR"), changed) * ui(metric("UI"));
    if (impact <= 0) {
      return 0;
    }
    double sum = changed ? 1.08 * (impact + exploitability) : impact + exploitability;
    return roundUp(Math.min(sum, 10));
  }

  /** The temporal score (base score when no temporal metric is given). */
  public double temporalScore() {
    return roundUp(baseScore() * temporal());
  }

  /** The environmental score from the vector's environmental and temporal metrics. */
  public double environmentalScore() {
    String mc = modified("C");
    String mi = modified("I");
    String ma = modified("A");
    double miss =
        Math.min(
            1
                - (1 - req(metric("CR")) * cia(mc))
                    * (1 - req(metric("IR")) * cia(mi))
                    * (1 - req(metric("AR")) * cia(ma)),
            0.915);
    boolean changed = modified("S").equals("C");
    double impact;
    if (changed) {
      impact =
          v31
              ? 7.52 * (miss - 0.029) - 3.25 * Math.pow(miss * 0.9731 - 0.02, 13)
              : 7.52 * (miss - 0.029) - 3.25 * Math.pow(miss - 0.02, 15);
    } else {
      impact = 6.42 * miss;
    }
    double exploitability =
        8.22
            * av(modified("AV"))
            * ac(modified("AC"))
            * pr(modified("PR"), changed)
            * ui(modified("UI"));
    if (impact <= 0) {
      return 0;
    }
    double sum = changed ? 1.08 * (impact + exploitability) : impact + exploitability;
    return roundUp(roundUp(Math.min(sum, 10)) * temporal());
  }

  /** The qualitative rating of a score (v3.1 §5): None, Low, Medium, High, Critical. */
  public static String severity(double score) {
    if (score == 0) {
      return "None";
    }
    return score < 4 ? "Low" : score < 7 ? "Medium" : score < 9 ? "High" : "Critical";
  }

  private String modified(String base) {
    String m = metric("M" + base);
    return m.equals("X") ? metric(base) : m;
  }

  private double temporal() {
    return e(metric("E")) * rl(metric("RL")) * rc(metric("RC"));
  }

  /** Appendix A Roundup for v3.1 (avoids floating-point surprises); ceil for v3.0. */
  private double roundUp(double x) {
    if (!v31) {
      return Math.ceil(x * 10) / 10;
    }
    long intInput = Math.round(x * 100000);
    if (intInput % 10000 == 0) {
      return intInput / 100000.0;
    }
    return (Math.floor(intInput / 10000.0) + 1) / 10.0;
  }

  private static double av(String v) {
    switch (v) {
      case "N":
        return 0.85;
      case "A":
        return 0.62;
      case "L":
        return 0.55;
      default:
        return 0.2;
    }
  }

  private static double ac(String v) {
    return v.equals("L") ? 0.77 : 0.44;
  }

  private static double pr(String v, boolean changed) {
    switch (v) {
      case "N":
        return 0.85;
      case "L":
        return changed ? 0.68 : 0.62;
      default:
        return changed ? 0.5 : 0.27;
    }
  }

  private static double ui(String v) {
    return v.equals("N") ? 0.85 : 0.62;
  }

  private static double cia(String v) {
    return v.equals("H") ? 0.56 : v.equals("L") ? 0.22 : 0;
  }

  private static double req(String v) {
    return v.equals("H") ? 1.5 : v.equals("L") ? 0.5 : 1.0;
  }

  private static double e(String v) {
    switch (v) {
      case "U":
        return 0.91;
      case "P":
        return 0.94;
      case "F":
        return 0.97;
      default:
        return 1;
    }
  }

  private static double rl(String v) {
    switch (v) {
      case "O":
        return 0.95;
      case "T":
        return 0.96;
      case "W":
        return 0.97;
      default:
        return 1;
    }
  }

  private static double rc(String v) {
    switch (v) {
      case "U":
        return 0.92;
      case "R":
        return 0.96;
      default:
        return 1;
    }
  }

  @Override
  public String toString() {
    return vector();
  }
}
