package io.ward.server.exposure;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Lists of ids in SQL: placeholders for {@code IN (…)} and multi-row VALUES, cut into chunks. */
final class SqlLists {
  /** Most ids in one statement: well below the drivers' parameter limits. */
  static final int CHUNK = 500;

  private SqlLists() {}

  /** {@code ?, ?, …}: {@code n} placeholders. */
  static String marks(int n) {
    return String.join(", ", Collections.nCopies(n, "?"));
  }

  /** {@code list} cut into consecutive pieces of at most {@link #CHUNK}, in order. */
  static <T> List<List<T>> chunks(List<T> list) {
    List<List<T>> out = new ArrayList<>();
    for (int i = 0; i < list.size(); i += CHUNK) {
      out.add(list.subList(i, Math.min(list.size(), i + CHUNK)));
    }
    return out;
  }
}
