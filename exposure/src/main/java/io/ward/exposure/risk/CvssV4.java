package io.ward.exposure.risk;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A CVSS v4.0 vector and its score (CVSS-B, -BT, -BE or -BTE depending on the metrics given),
 * computed as the FIRST v4.0 specification §8.2 and its reference calculator do: the MacroVector
 * (EQ1–EQ6) gives a score from the expert lookup table, lowered by the mean proportional severity
 * distance of the vector from the highest-severity vectors of its MacroVector.
 */
public final class CvssV4 {

  private static final Map<String, String> ALLOWED =
      Map.ofEntries(
          Map.entry("AV", "NALP"),
          Map.entry("AC", "LH"),
          Map.entry("AT", "NP"),
          Map.entry("PR", "NLH"),
          Map.entry("UI", "NPA"),
          Map.entry("VC", "HLN"),
          Map.entry("VI", "HLN"),
          Map.entry("VA", "HLN"),
          Map.entry("SC", "HLN"),
          Map.entry("SI", "HLN"),
          Map.entry("SA", "HLN"),
          Map.entry("E", "XAPU"),
          Map.entry("CR", "XHML"),
          Map.entry("IR", "XHML"),
          Map.entry("AR", "XHML"),
          Map.entry("MAV", "XNALP"),
          Map.entry("MAC", "XLH"),
          Map.entry("MAT", "XNP"),
          Map.entry("MPR", "XNLH"),
          Map.entry("MUI", "XNPA"),
          Map.entry("MVC", "XHLN"),
          Map.entry("MVI", "XHLN"),
          Map.entry("MVA", "XHLN"),
          Map.entry("MSC", "XHLN"),
          Map.entry("MSI", "XSHLN"),
          Map.entry("MSA", "XSHLN"),
          Map.entry("S", "XNP"),
          Map.entry("AU", "XNY"),
          Map.entry("R", "XAUI"),
          Map.entry("V", "XDC"),
          Map.entry("RE", "XLMH"),
          Map.entry("U", "X,Clear,Green,Amber,Red"));

  private static final List<String> BASE =
      List.of("AV", "AC", "AT", "PR", "UI", "VC", "VI", "VA", "SC", "SI", "SA");

  /** Highest-severity vectors per EQ level (reference calculator max_composed.js). */
  private static final String[][] EQ1_MAX = {
    {"AV:N/PR:N/UI:N"},
    {"AV:A/PR:N/UI:N", "AV:N/PR:L/UI:N", "AV:N/PR:N/UI:P"},
    {"AV:P/PR:N/UI:N", "AV:A/PR:L/UI:P"}
  };

  private static final String[][] EQ2_MAX = {{"AC:L/AT:N"}, {"AC:H/AT:N", "AC:L/AT:P"}};
  private static final Map<String, String[]> EQ3_EQ6_MAX =
      Map.of(
          "00", new String[] {"VC:H/VI:H/VA:H/CR:H/IR:H/AR:H"},
          "01", new String[] {"VC:H/VI:H/VA:L/CR:M/IR:M/AR:H", "VC:H/VI:H/VA:H/CR:M/IR:M/AR:M"},
          "10", new String[] {"VC:L/VI:H/VA:H/CR:H/IR:H/AR:H", "VC:H/VI:L/VA:H/CR:H/IR:H/AR:H"},
          "11",
              new String[] {
                "VC:L/VI:H/VA:L/CR:H/IR:M/AR:H",
                "VC:L/VI:H/VA:H/CR:H/IR:M/AR:M",
                "VC:H/VI:L/VA:H/CR:M/IR:H/AR:M",
                "VC:H/VI:L/VA:L/CR:M/IR:H/AR:H",
                "VC:L/VI:L/VA:H/CR:H/IR:H/AR:M"
              },
          "21", new String[] {"VC:L/VI:L/VA:L/CR:H/IR:H/AR:H"});
  private static final String[][] EQ4_MAX = {
    {"SC:H/SI:S/SA:S"}, {"SC:H/SI:H/SA:H"}, {"SC:L/SI:L/SA:L"}
  };

  /** Depth of each MacroVector in severity steps (max_severity.js), already multiplied by 0.1. */
  private static final double[] EQ1_DEPTH = {0.1, 0.4, 0.5};

  private static final double[] EQ2_DEPTH = {0.1, 0.2};
  private static final double[] EQ4_DEPTH = {0.6, 0.5, 0.4};

  private static final Map<String, Double> LOOKUP = loadLookup();

  private final CvssVector vector;

  private CvssV4(CvssVector vector) {
    this.vector = vector;
  }

  /**
   * Reads a {@code CVSS:4.0/…} vector.
   *
   * @throws CvssException when it is malformed or lacks a base metric
   */
  public static CvssV4 parse(String vector) {
    return new CvssV4(CvssVector.parse(vector, List.of("CVSS:4.0"), ALLOWED, BASE));
  }

  /** The vector string. */
  public String vector() {
    return vector.toString();
  }

  /** The metric as written ({@code X} when absent). */
  public String metric(String key) {
    return vector.get(key);
  }

  /** A copy with one metric set, e.g. {@code with("E", "A")}. */
  public CvssV4 with(String key, String value) {
    return parse(vector.with(key, value).toString());
  }

  /** The MacroVector, six digits EQ1…EQ6, e.g. {@code 001100}. */
  public String macroVector() {
    int eq1;
    String av = m("AV");
    String pr = m("PR");
    String ui = m("UI");
    if (av.equals("N") && pr.equals("N") && ui.equals("N")) {
      eq1 = 0;
    } else if ((av.equals("N") || pr.equals("N") || ui.equals("N")) && !av.equals("P")) {
      eq1 = 1;
    } else {
      eq1 = 2;
    }
    int eq2 = m("AC").equals("L") && m("AT").equals("N") ? 0 : 1;
    int eq3;
    if (m("VC").equals("H") && m("VI").equals("H")) {
      eq3 = 0;
    } else if (m("VC").equals("H") || m("VI").equals("H") || m("VA").equals("H")) {
      eq3 = 1;
    } else {
      eq3 = 2;
    }
    int eq4;
    if (metric("MSI").equals("S") || metric("MSA").equals("S")) {
      eq4 = 0;
    } else if (m("SC").equals("H") || m("SI").equals("H") || m("SA").equals("H")) {
      eq4 = 1;
    } else {
      eq4 = 2;
    }
    String e = m("E");
    int eq5 = e.equals("A") ? 0 : e.equals("P") ? 1 : 2;
    boolean eq6High =
        (m("CR").equals("H") && m("VC").equals("H"))
            || (m("IR").equals("H") && m("VI").equals("H"))
            || (m("AR").equals("H") && m("VA").equals("H"));
    int eq6 = eq6High ? 0 : 1;
    return "" + eq1 + eq2 + eq3 + eq4 + eq5 + eq6;
  }

  /** The score, 0.0 to 10.0. */
  public double score() {
    if (List.of("VC", "VI", "VA", "SC", "SI", "SA").stream().allMatch(k -> m(k).equals("N"))) {
      return 0.0;
    }
    String macro = macroVector();
    double value = LOOKUP.get(macro);
    int eq1 = macro.charAt(0) - '0';
    int eq2 = macro.charAt(1) - '0';
    int eq3 = macro.charAt(2) - '0';
    int eq4 = macro.charAt(3) - '0';
    int eq5 = macro.charAt(4) - '0';
    int eq6 = macro.charAt(5) - '0';

    Double lowerEq1 = LOOKUP.get(macro(eq1 + 1, eq2, eq3, eq4, eq5, eq6));
    Double lowerEq2 = LOOKUP.get(macro(eq1, eq2 + 1, eq3, eq4, eq5, eq6));
    Double lowerEq3Eq6;
    if (eq3 == 0 && eq6 == 0) {
      Double left = LOOKUP.get(macro(eq1, eq2, eq3, eq4, eq5, eq6 + 1));
      Double right = LOOKUP.get(macro(eq1, eq2, eq3 + 1, eq4, eq5, eq6));
      // the reference takes the higher of the two paths; a missing score never wins
      lowerEq3Eq6 = (left != null && right != null && left > right) ? left : right;
    } else if (eq3 == 1 && eq6 == 0) {
      lowerEq3Eq6 = LOOKUP.get(macro(eq1, eq2, eq3, eq4, eq5, eq6 + 1));
    } else if (eq3 == 2 && eq6 == 1) {
      lowerEq3Eq6 = null;
    } else {
      lowerEq3Eq6 = LOOKUP.get(macro(eq1, eq2, eq3 + 1, eq4, eq5, eq6));
    }
    Double lowerEq4 = LOOKUP.get(macro(eq1, eq2, eq3, eq4 + 1, eq5, eq6));
    Double lowerEq5 = LOOKUP.get(macro(eq1, eq2, eq3, eq4, eq5 + 1, eq6));

    Map<String, String> max = maxVector(eq1, eq2, eq3, eq4, eq6);
    double d1 = dist("AV", max) + dist("PR", max) + dist("UI", max);
    double d2 = dist("AC", max) + dist("AT", max);
    double d36 =
        dist("VC", max)
            + dist("VI", max)
            + dist("VA", max)
            + dist("CR", max)
            + dist("IR", max)
            + dist("AR", max);
    double d4 = dist("SC", max) + dist("SI", max) + dist("SA", max);

    double depth36 = eq3 == 0 ? (eq6 == 0 ? 0.7 : 0.6) : eq3 == 1 ? 0.8 : 1.0;
    int existing = 0;
    double sum = 0;
    if (lowerEq1 != null) {
      existing++;
      sum += (value - lowerEq1) * (d1 / EQ1_DEPTH[eq1]);
    }
    if (lowerEq2 != null) {
      existing++;
      sum += (value - lowerEq2) * (d2 / EQ2_DEPTH[eq2]);
    }
    if (lowerEq3Eq6 != null) {
      existing++;
      sum += (value - lowerEq3Eq6) * (d36 / depth36);
    }
    if (lowerEq4 != null) {
      existing++;
      sum += (value - lowerEq4) * (d4 / EQ4_DEPTH[eq4]);
    }
    if (lowerEq5 != null) {
      existing++; // EQ5 has depth 1: its proportional distance is always 0
    }
    double mean = existing == 0 ? 0 : sum / existing;
    double score = Math.max(0, Math.min(10, value - mean));
    // Round half up after a small lift: the interpolation can land one ULP below an x.x5 tie.
    return Math.round((score + 1e-6) * 10) / 10.0;
  }

  /** The qualitative rating (v4.0 §6): None, Low, Medium, High, Critical. */
  public static String severity(double score) {
    return CvssV3.severity(score);
  }

  private Map<String, String> maxVector(int eq1, int eq2, int eq3, int eq4, int eq6) {
    String[] e36 = EQ3_EQ6_MAX.get("" + eq3 + eq6);
    Map<String, String> last = null;
    for (String a : EQ1_MAX[eq1]) {
      for (String b : EQ2_MAX[eq2]) {
        for (String c : e36) {
          for (String d : EQ4_MAX[eq4]) {
            Map<String, String> candidate = metrics(a + "/" + b + "/" + c + "/" + d);
            last = candidate;
            boolean fits = true;
            for (String k :
                List.of(
                    "AV", "PR", "UI", "AC", "AT", "VC", "VI", "VA", "SC", "SI", "SA", "CR", "IR",
                    "AR")) {
              if (dist(k, candidate) < 0) {
                fits = false;
                break;
              }
            }
            if (fits) {
              return candidate;
            }
          }
        }
      }
    }
    return last; // as the reference: the last candidate when none dominates
  }

  private double dist(String key, Map<String, String> max) {
    return level(key, m(key)) - level(key, max.get(key));
  }

  private static double level(String key, String v) {
    switch (key) {
      case "AV":
        return "NALP".indexOf(v) * 0.1;
      case "PR":
        return "NLH".indexOf(v) * 0.1;
      case "UI":
        return "NPA".indexOf(v) * 0.1;
      case "AC":
        return "LH".indexOf(v) * 0.1;
      case "AT":
        return "NP".indexOf(v) * 0.1;
      case "VC":
      case "VI":
      case "VA":
        return "HLN".indexOf(v) * 0.1;
      case "SC":
        return ("HLN".indexOf(v) + 1) * 0.1;
      case "SI":
      case "SA":
        return "SHLN".indexOf(v) * 0.1;
      default: // CR, IR, AR
        return "HML".indexOf(v) * 0.1;
    }
  }

  private static Map<String, String> metrics(String s) {
    Map<String, String> out = new HashMap<>();
    for (String part : s.split("/")) {
      out.put(part.substring(0, part.indexOf(':')), part.substring(part.indexOf(':') + 1));
    }
    return out;
  }

  private static String macro(int... eq) {
    StringBuilder sb = new StringBuilder();
    for (int e : eq) {
      sb.append(e);
    }
    return sb.toString();
  }

  /** The effective value: threat and requirement defaults, then modified over base metrics. */
  private String m(String key) {
    String selected = vector.get(key);
    if (key.equals("E") && selected.equals("X")) {
      return "A";
    }
    if ((key.equals("CR") || key.equals("IR") || key.equals("AR")) && selected.equals("X")) {
      return "H";
    }
    String modified = vector.get("M" + key);
    return modified.equals("X") ? selected : modified;
  }

  private static Map<String, Double> loadLookup() {
    Map<String, Double> out = new HashMap<>();
    try (InputStream in = CvssV4.class.getResourceAsStream("cvss4-macrovectors.tsv")) {
      if (in == null) {
        throw new IllegalStateException("cvss4-macrovectors.tsv missing from the classpath");
      }
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      String line;
      while ((line = r.readLine()) != null) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] f = line.split("\t");
        out.put(f[0], Double.parseDouble(f[1]));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (out.size() != 270) {
      throw new IllegalStateException("expected 270 MacroVectors, found " + out.size());
    }
    return Map.copyOf(out);
  }

  @Override
  public String toString() {
    return vector();
  }
}
