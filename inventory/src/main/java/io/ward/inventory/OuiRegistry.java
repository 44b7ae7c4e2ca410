package io.ward.inventory;

import io.ward.model.MacAddress;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

/**
 * The IEEE MAC address block registry: MA-L (24-bit), MA-M (28-bit), MA-S and IAB (36-bit)
 * assignments to organisation names. Looks up the longest assignment first, because MA-M and MA-S
 * blocks lie inside MA-L blocks registered to the IEEE itself.
 */
final class OuiRegistry {

  /** Debian's ieee-data files, in the order read; only oui.csv is required. */
  static final List<String> IEEE_FILES = List.of("oui.csv", "mam.csv", "oui36.csv", "iab.csv");

  static final String BUNDLED_RESOURCE = "kb/oui/oui-snapshot.csv.gz";

  private final Map<Long, String> by24 = new HashMap<>();
  private final Map<Long, String> by28 = new HashMap<>();
  private final Map<Long, String> by36 = new HashMap<>();
  private final String source;

  private OuiRegistry(String source) {
    this.source = source;
  }

  /**
   * The registry from {@code ieeeDir}/oui.csv (plus mam.csv, oui36.csv and iab.csv when present),
   * else from the bundled snapshot.
   */
  static OuiRegistry load(Path ieeeDir) throws KnowledgeBaseException {
    Path oui = ieeeDir.resolve("oui.csv");
    if (Files.isRegularFile(oui)) {
      OuiRegistry r = new OuiRegistry("ieee-data:" + oui);
      for (String name : IEEE_FILES) {
        Path p = ieeeDir.resolve(name);
        if (Files.isRegularFile(p)) {
          try (InputStream in = Files.newInputStream(p)) {
            r.read(in, /* assignmentColumn= */ 1);
          } catch (IOException e) {
            throw new KnowledgeBaseException(p + ": cannot be read: " + e.getMessage(), e);
          }
        }
      }
      if (!r.by24.isEmpty()) {
        return r;
      }
    }
    return bundled();
  }

  /** The registry from the snapshot bundled in the jar. */
  static OuiRegistry bundled() throws KnowledgeBaseException {
    OuiRegistry r = new OuiRegistry("bundled");
    try (InputStream raw = OuiRegistry.class.getResourceAsStream(BUNDLED_RESOURCE)) {
      if (raw == null) {
        throw new KnowledgeBaseException(BUNDLED_RESOURCE + ": missing from the classpath");
      }
      try (InputStream in = new GZIPInputStream(raw)) {
        r.read(in, /* assignmentColumn= */ 0);
      }
    } catch (IOException e) {
      throw new KnowledgeBaseException(BUNDLED_RESOURCE + ": cannot be read: " + e.getMessage(), e);
    }
    return r;
  }

  /** Where the data came from: {@code ieee-data:<path>} or {@code bundled}. */
  String source() {
    return source;
  }

  /** Number of assignments loaded. */
  int size() {
    return by24.size() + by28.size() + by36.size();
  }

  /** The registered organisation of the block holding {@code mac}, as written in the registry. */
  Optional<String> organization(MacAddress mac) {
    long bits = mac.bits();
    String org = by36.get(bits >>> 12);
    if (org == null) {
      org = by28.get(bits >>> 20);
    }
    if (org == null) {
      org = by24.get(bits >>> 24);
    }
    return Optional.ofNullable(org);
  }

  /** Reads CSV rows; a malformed row is skipped (the registry is data we did not write). */
  private void read(InputStream in, int assignmentColumn) throws IOException {
    BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    String line = reader.readLine(); // header
    while ((line = reader.readLine()) != null) {
      List<String> cols = csv(line, assignmentColumn + 2);
      if (cols.size() < assignmentColumn + 2) {
        continue;
      }
      put(cols.get(assignmentColumn).trim(), cols.get(assignmentColumn + 1).trim());
    }
  }

  private void put(String assignment, String organization) {
    if (organization.isEmpty()
        || !assignment.matches("[0-9A-Fa-f]{6}|[0-9A-Fa-f]{7}|[0-9A-Fa-f]{9}")) {
      return;
    }
    long prefix = Long.parseLong(assignment, 16);
    String org = organization.replaceAll("\\s+", " ");
    switch (assignment.length()) {
      case 6:
        by24.putIfAbsent(prefix, org);
        break;
      case 7:
        by28.putIfAbsent(prefix, org);
        break;
      default:
        by36.putIfAbsent(prefix, org);
    }
  }

  /** The first {@code max} fields of one RFC 4180 CSV line (quoted fields may hold commas). */
  static List<String> csv(String line, int max) {
    List<String> out = new ArrayList<>(max);
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length() && out.size() < max; i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          field.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          field.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        out.add(field.toString());
        field.setLength(0);
      } else {
        field.append(c);
      }
    }
    if (out.size() < max) {
      out.add(field.toString());
    }
    return out;
  }
}
