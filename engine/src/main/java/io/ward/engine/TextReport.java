package io.ward.engine;

import io.ward.capture.CaptureSummary;
import io.ward.model.Category;
import io.ward.model.Device;
import java.io.PrintStream;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** The readable terminal summary of an analysis. */
public final class TextReport {
  private TextReport() {}

  /** Prints captures, devices by category, medical devices and cleartext clinical traffic. */
  public static void print(AnalysisResult r, PrintStream out, int maxMedicalRows) {
    for (CaptureSummary c : r.captures()) {
      out.printf(
          "%s: %s%s, %,d packets, %,d bytes, %,d flows%n",
          c.name(), c.format(), c.gzip() ? " (gzip)" : "", c.packets(), c.bytes(), c.flows());
    }
    long medical = r.devices().stream().filter(Device::medical).count();
    out.printf("%nDevices: %,d (%,d medical)%n", r.devices().size(), medical);
    Map<Category, Long> byCategory = new EnumMap<>(Category.class);
    r.devices().forEach(d -> byCategory.merge(d.category(), 1L, Long::sum));
    byCategory.forEach((cat, n) -> out.printf("  %-22s %,6d%n", cat.id(), n));

    List<Device> medicalDevices =
        r.devices().stream()
            .filter(Device::medical)
            .sorted(Comparator.comparing(Device::criticality).thenComparing(Device::id))
            .collect(Collectors.toList());
    if (!medicalDevices.isEmpty()) {
      out.printf("%nMedical devices%n");
      out.printf(
          "  %-18s %-16s %-20s %-18s %-14s %-16s %s%n",
          "category", "vendor", "model", "firmware", "criticality", "ip", "protocols");
      int shown = 0;
      for (Device d : medicalDevices) {
        if (shown++ == maxMedicalRows) {
          out.printf("  … %,d more (use --json for all)%n", medicalDevices.size() - maxMedicalRows);
          break;
        }
        TreeSet<String> protocols = new TreeSet<>(d.protocolsAsClient());
        protocols.addAll(d.protocolsAsServer());
        out.printf(
            "  %-18s %-16s %-20s %-18s %-14s %-16s %s%n",
            cut(d.category().id() + d.modality().map(m -> "/" + m).orElse(""), 18),
            cut(d.vendor().orElse("?"), 16),
            cut(d.model().orElse("?"), 20),
            cut(d.firmware().orElse("?"), 18),
            d.criticality().id(),
            d.ips().isEmpty() ? "-" : d.ips().get(0).toString(),
            String.join(",", protocols));
      }
    }
    FlowSummary f = r.flows();
    if (!f.cleartextByProtocol().isEmpty()) {
      out.printf("%nCleartext clinical and management traffic (flows)%n");
      f.cleartextByProtocol().forEach((p, n) -> out.printf("  %-10s %,8d%n", p, n));
    }
  }

  private static String cut(String s, int width) {
    return s.length() <= width ? s : s.substring(0, width - 1) + "…";
  }
}
