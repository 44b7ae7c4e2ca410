package io.ward.exposure.risk;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** CISA's SSVC decision tree (data file {@code ssvc-cisa-coordinator.csv}). */
final class SsvcTree {

  private static final Map<String, String> TABLE = load();

  private SsvcTree() {}

  /** The CISA level: {@code track}, {@code track*}, {@code attend} or {@code act}. */
  static String level(String exploitation, boolean automatable, String technicalImpact, String mw) {
    String key =
        exploitation + "," + (automatable ? "yes" : "no") + "," + technicalImpact + "," + mw;
    String level = TABLE.get(key);
    if (level == null) {
      throw new IllegalArgumentException("no SSVC row for " + key);
    }
    return level;
  }

  private static Map<String, String> load() {
    Map<String, String> out = new HashMap<>();
    try (InputStream in = SsvcTree.class.getResourceAsStream("ssvc-cisa-coordinator.csv")) {
      if (in == null) {
        throw new IllegalStateException("ssvc-cisa-coordinator.csv missing from the classpath");
      }
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      String line;
      boolean header = true;
      while ((line = r.readLine()) != null) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        if (header) {
          header = false;
          continue;
        }
        int last = line.lastIndexOf(',');
        out.put(line.substring(0, last), line.substring(last + 1));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (out.size() != 36) {
      throw new IllegalStateException("SSVC table must have 36 rows, found " + out.size());
    }
    return Map.copyOf(out);
  }
}
