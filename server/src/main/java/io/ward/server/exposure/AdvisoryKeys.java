package io.ward.server.exposure;

import io.ward.model.exposure.Advisory;
import java.util.Collection;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The one form of an advisory's key, {@code <source>|<id>} (say {@code csaf|ICSMA-24-1}), that the
 * advisory table and the findings of an advisory both store, so the two join. The source is part of
 * it because two sources may carry the same id (an NVD and a CVE 5 record of one CVE). Findings of
 * recalls and of end of life keep the recall number and {@code ward-eol}: no advisory row has them.
 */
final class AdvisoryKeys {
  /** The width of the {@code advisory_key} columns. */
  static final int MAX = 300;

  private AdvisoryKeys() {}

  /** The key of an advisory. */
  static String of(Advisory a) {
    return clip(a.source().name().toLowerCase(Locale.ROOT) + "|" + a.id());
  }

  /**
   * The key each advisory id of {@code advisories} is stored under with its findings. A finding
   * names its advisory by id alone; when two sources carry the id, the smaller key is taken, as the
   * migration that qualified stored findings did.
   */
  static Map<String, String> byId(Collection<Advisory> advisories) {
    Map<String, String> out = new HashMap<>();
    for (Advisory a : advisories) {
      out.merge(a.id(), of(a), (x, y) -> x.compareTo(y) <= 0 ? x : y);
    }
    return out;
  }

  /** The key a finding of {@code advisoryId} is stored under, given {@link #byId}. */
  static String ofFinding(Map<String, String> byId, String advisoryId) {
    String key = byId.get(advisoryId);
    return key != null ? key : clip(advisoryId);
  }

  private static String clip(String s) {
    return s.length() <= MAX ? s : s.substring(0, MAX);
  }
}
