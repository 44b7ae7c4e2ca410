package io.ward.engine;

import io.ward.exposure.cmdb.CmdbConflict;
import io.ward.exposure.cmdb.UnobservedAsset;
import io.ward.model.Device;
import io.ward.model.exposure.CmdbAsset;
import java.io.PrintStream;

/**
 * The CMDB part of {@code ward vulns}: what the export says that the network contradicts, and the
 * assets the network never showed (with the device id their findings are listed under).
 */
public final class CmdbTextReport {
  private CmdbTextReport() {}

  /** Prints the summary line, every conflict and every asset not observed. */
  public static void print(CmdbReconciliation cmdb, PrintStream out) {
    var m = cmdb.merge();
    out.printf(
        "%nCMDB %s: %,d assets, %,d matched observed devices, %,d not observed, %,d conflicts%n",
        cmdb.file(), cmdb.assets(), m.matchedCount(), m.unobserved().size(), m.conflicts().size());
    if (!m.conflicts().isEmpty()) {
      out.println("  conflicts (CMDB against the network):");
      for (CmdbConflict c : m.conflicts()) {
        out.printf(
            "  - %-15s %s (%s)%s: %s%n",
            CmdbJson.kind(c.kind()),
            c.asset(),
            c.source(),
            c.deviceId().map(id -> " on " + id).orElse(""),
            c.message());
      }
    }
    if (!m.unobserved().isEmpty()) {
      out.println("  not observed on the network:");
      for (UnobservedAsset u : m.unobserved()) {
        CmdbAsset a = u.asset();
        out.printf(
            "  - %s (%s:%d)  %s  %s%n",
            a.assetTag().map(t -> "asset " + t).orElse("line " + a.line()),
            a.source(),
            a.line(),
            describe(a),
            u.device()
                .map(Device::id)
                .map(id -> "matched as " + id)
                .orElse("no manufacturer and model: not matched against advisories"));
      }
    }
  }

  private static String describe(CmdbAsset a) {
    StringBuilder sb = new StringBuilder();
    a.manufacturer().ifPresent(v -> sb.append(v));
    a.model().ifPresent(v -> sb.append(sb.length() > 0 ? " " : "").append(v));
    a.softwareVersion().ifPresent(v -> sb.append(" fw ").append(v));
    a.department().ifPresent(v -> sb.append(", ").append(v));
    a.location().ifPresent(v -> sb.append(", ").append(v));
    return sb.length() == 0 ? "(no manufacturer or model)" : sb.toString();
  }
}
