package io.ward.capture.dissect.dicom;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Names of DICOM SOP classes by UID (PS3.6 Annex A), loaded once from {@code sop-classes.tsv} on
 * the class path. The table is data: adding a SOP class is a one-line edit of that file.
 */
final class SopClasses {

  private static final String RESOURCE = "sop-classes.tsv";

  private SopClasses() {}

  private static final class Holder {
    static final Map<String, String> NAMES = load();
  }

  /** The registered name of a SOP class, e.g. {@code CT Image Storage}, or empty. */
  static Optional<String> name(String uid) {
    return Optional.ofNullable(Holder.NAMES.get(uid));
  }

  /**
   * How a SOP class is reported: {@code Name (uid)} when the UID is known, like tshark's DICOM
   * dissector, else the bare UID.
   */
  static String describe(String uid) {
    return name(uid).map(n -> n + " (" + uid + ")").orElse(uid);
  }

  /** Number of named SOP classes. */
  static int size() {
    return Holder.NAMES.size();
  }

  private static Map<String, String> load() {
    Map<String, String> names = new HashMap<>();
    try (InputStream in = SopClasses.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing class-path resource " + RESOURCE);
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      String line;
      while ((line = reader.readLine()) != null) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        int tab = line.indexOf('\t');
        if (tab <= 0 || tab == line.length() - 1) {
          throw new IllegalStateException("bad line in " + RESOURCE + ": " + line);
        }
        names.put(line.substring(0, tab).strip(), line.substring(tab + 1).strip());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Map.copyOf(names);
  }
}
