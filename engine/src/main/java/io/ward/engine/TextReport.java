package io.ward.engine;

import io.ward.capture.CaptureSummary;
import io.ward.model.Category;
import io.ward.model.Device;
import io.ward.model.ExternalEndpoint;
import io.ward.model.Software;
import java.io.PrintStream;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.Formatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** The readable terminal summary of an analysis. */
public final class TextReport {
  private TextReport() {}

  /**
   * Prints captures, devices by category, medical devices and cleartext clinical traffic. The
   * report is built whole and printed at once: printf on the standard output flushed at every line
   * (a system call per medical device), and its format parsing took as long as writing the JSON.
   */
  public static void print(AnalysisResult r, PrintStream out, int maxMedicalRows) {
    StringBuilder sb = new StringBuilder(4096);
    // The same locale as PrintStream.printf, for the thousands separators.
    Formatter f = new Formatter(sb, Locale.getDefault(Locale.Category.FORMAT));
    for (CaptureSummary c : r.captures()) {
      f.format(
          "%s: %s%s, %,d packets, %,d bytes, %,d flows%n",
          c.name(), c.format(), c.gzip() ? " (gzip)" : "", c.packets(), c.bytes(), c.flows());
    }
    long medical = r.devices().stream().filter(Device::medical).count();
    f.format("%nDevices: %,d (%,d medical)%n", r.devices().size(), medical);
    Map<Category, Long> byCategory = new EnumMap<>(Category.class);
    r.devices().forEach(d -> byCategory.merge(d.category(), 1L, Long::sum));
    byCategory.forEach((cat, n) -> f.format("  %-22s %,6d%n", cat.id(), n));
    external(f, r.external());

    List<Device> medicalDevices =
        r.devices().stream()
            .filter(Device::medical)
            .sorted(Comparator.comparing(Device::criticality).thenComparing(Device::id))
            .collect(Collectors.toList());
    if (!medicalDevices.isEmpty()) {
      f.format("%nMedical devices%n");
      // A software column only when a device shows software, so other tables keep their shape.
      boolean anySoftware =
          medicalDevices.stream().limit(maxMedicalRows).anyMatch(d -> !besidesModel(d).isEmpty());
      row(
          sb,
          "category",
          "vendor",
          "model",
          "firmware",
          "criticality",
          "ip",
          "protocols",
          anySoftware ? "software" : "");
      int shown = 0;
      for (Device d : medicalDevices) {
        if (shown++ == maxMedicalRows) {
          f.format("  … %,d more (use --json for all)%n", medicalDevices.size() - maxMedicalRows);
          break;
        }
        TreeSet<String> protocols = new TreeSet<>(d.protocolsAsClient());
        protocols.addAll(d.protocolsAsServer());
        row(
            sb,
            cut(d.category().id() + d.modality().map(m -> "/" + m).orElse(""), 18),
            cut(d.vendor().orElse("?"), 16),
            cut(d.model().orElse("?"), 20),
            cut(d.firmware().orElse("?"), 18),
            d.criticality().id(),
            d.ips().isEmpty() ? "-" : d.ips().get(0).toString(),
            String.join(",", protocols),
            besidesModel(d));
      }
    }
    FlowSummary flows = r.flows();
    if (!flows.cleartextByProtocol().isEmpty()) {
      f.format("%nCleartext clinical and management traffic (flows)%n");
      flows.cleartextByProtocol().forEach((p, n) -> f.format("  %-10s %,8d%n", p, n));
    }
    out.print(sb);
    out.flush();
  }

  /**
   * The software seen on a device other than the product its model already names (an embedded
   * device's HL7 SFT segment names its own model), as the table's cell shows it.
   */
  private static String besidesModel(Device d) {
    return d.software().stream()
        .filter(s -> d.model().map(m -> !m.equalsIgnoreCase(s.product())).orElse(true))
        .map(Software::label)
        .collect(Collectors.joining("; "));
  }

  /** Internet hosts shown, in one line: how many, and the busiest by flows. */
  private static void external(Formatter f, List<ExternalEndpoint> external) {
    if (external.isEmpty()) {
      return;
    }
    String busiest =
        external.stream()
            .sorted(
                Comparator.comparingLong(ExternalEndpoint::flows)
                    .reversed()
                    .thenComparing(ExternalEndpoint::ip))
            .limit(BUSIEST_EXTERNAL)
            .map(
                e ->
                    String.format(
                        Locale.getDefault(Locale.Category.FORMAT),
                        "%s (%,d flows)",
                        e.hostnames().isEmpty()
                            ? e.ip().toString()
                            : e.hostnames().get(0) + " " + e.ip(),
                        e.flows()))
            .collect(Collectors.joining(", "));
    f.format(
        "External endpoints (internet hosts, not devices): %,d; most flows: %s%s%n",
        external.size(), busiest, external.size() > BUSIEST_EXTERNAL ? ", …" : "");
  }

  /** External endpoints named in the summary's line. */
  static final int BUSIEST_EXTERNAL = 3;

  /**
   * One row of the medical devices' table, as {@code " %-18s %-16s %-20s %-18s %-14s %-16s %s%n"}
   * formats it, without parsing that format for every device; the software seen on the device, when
   * any, follows the protocols in a column of its own.
   */
  private static void row(
      StringBuilder sb,
      String category,
      String vendor,
      String model,
      String firmware,
      String criticality,
      String ip,
      String protocols,
      String software) {
    sb.append("  ");
    padded(sb, category, 18);
    padded(sb, vendor, 16);
    padded(sb, model, 20);
    padded(sb, firmware, 18);
    padded(sb, criticality, 14);
    padded(sb, ip, 16);
    if (software.isEmpty()) {
      sb.append(protocols).append(System.lineSeparator());
    } else {
      padded(sb, protocols, 20);
      sb.append(software).append(System.lineSeparator());
    }
  }

  /** {@code s} left-aligned in {@code width} characters (never cut, as %-Ns), then one space. */
  private static void padded(StringBuilder sb, String s, int width) {
    sb.append(s);
    for (int i = s.length(); i < width; i++) {
      sb.append(' ');
    }
    sb.append(' ');
  }

  private static String cut(String s, int width) {
    return s.length() <= width ? s : s.substring(0, width - 1) + "…";
  }
}
