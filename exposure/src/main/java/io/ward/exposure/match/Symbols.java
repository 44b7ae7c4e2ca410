package io.ward.exposure.match;

import java.util.ArrayList;
import java.util.List;
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
  private final List<String> names = new ArrayList<>();

  /** The id of a string, numbering it when new. */
  int intern(String s) {
    Integer id = ids.get(s);
    return id != null ? id : add(s);
  }

  private synchronized int add(String s) {
    Integer id = ids.get(s);
    if (id == null) {
      id = names.size();
      names.add(s);
      ids.put(s, id);
    }
    return id;
  }

  /** The id of a string, or -1 when it was never numbered. */
  int find(String s) {
    Integer id = ids.get(s);
    return id == null ? -1 : id;
  }

  synchronized String name(int id) {
    return names.get(id);
  }

  synchronized int size() {
    return names.size();
  }
}
