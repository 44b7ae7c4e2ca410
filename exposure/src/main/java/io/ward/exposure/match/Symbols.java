package io.ward.exposure.match;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Strings (vendor ids, words, CPE and purl keys) numbered once, so keys are longs. */
final class Symbols {

  /** The vendor symbol that stands for any vendor. */
  static final String ANY = "*";

  private final Map<String, Integer> ids = new HashMap<>();
  private final List<String> names = new ArrayList<>();

  /** The id of a string, numbering it when new. */
  int intern(String s) {
    Integer id = ids.get(s);
    if (id == null) {
      id = names.size();
      ids.put(s, id);
      names.add(s);
    }
    return id;
  }

  /** The id of a string, or -1 when it was never numbered. */
  int find(String s) {
    Integer id = ids.get(s);
    return id == null ? -1 : id;
  }

  String name(int id) {
    return names.get(id);
  }

  int size() {
    return names.size();
  }
}
