package io.ward.exposure.match;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Strings (vendor ids, words, CPE and purl keys) numbered once, so keys are longs. Safe for
 * concurrent use: fleets matched in parallel against one index number their subjects' words too.
 */
final class Symbols {

  /** The vendor symbol that stands for any vendor. */
  static final String ANY = "*";

  private final Map<String, Integer> ids = new ConcurrentHashMap<>();
  private int next;

  /** The id of a string, numbering it when new. */
  int intern(String s) {
    Integer id = ids.get(s);
    return id != null ? id : add(s);
  }

  private synchronized int add(String s) {
    Integer id = ids.get(s);
    if (id == null) {
      id = next++;
      ids.put(s, id);
    }
    return id;
  }
}
