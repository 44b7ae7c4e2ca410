package io.ward.server.inventory;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Inserts rows unless a row with their key is stored, in the caller's transaction, and says which
 * it inserted. Two server processes on one database (or two jobs of one server) that bring the same
 * new row at once both succeed: PostgreSQL has the second wait for the first to commit, then skips
 * the row ({@code ON CONFLICT DO NOTHING}), and the caller adds to the stored row instead. H2 takes
 * the standard {@code MERGE ... WHEN NOT MATCHED THEN INSERT}.
 */
final class InsertIfAbsent {
  private final JdbcTemplate template;
  private final boolean postgres;

  InsertIfAbsent(JdbcTemplate template, boolean postgres) {
    this.template = template;
    this.postgres = postgres;
  }

  /**
   * Inserts those of {@code rows} (values in {@code columns} order) whose {@code key} columns match
   * no stored row of {@code table}.
   *
   * @return for each row, in order, whether it was inserted
   */
  boolean[] insert(String table, List<String> columns, List<String> key, List<Object[]> rows) {
    boolean[] inserted = new boolean[rows.size()];
    int start = 0;
    for (List<Object[]> chunk : InventoryWriter.chunks(rows)) {
      if (postgres) {
        insertReturning(table, columns, key, chunk, inserted, start);
      } else {
        int[] counts = template.batchUpdate(merge(table, columns, key), chunk);
        for (int i = 0; i < counts.length; i++) {
          inserted[start + i] = counts[i] > 0;
        }
      }
      start += chunk.size();
    }
    return inserted;
  }

  /**
   * One statement a chunk, returning the keys it inserted: a batch's counts would be lost to a
   * connection that rewrites batched inserts ({@code reWriteBatchedInserts}).
   */
  private void insertReturning(
      String table,
      List<String> columns,
      List<String> key,
      List<Object[]> chunk,
      boolean[] inserted,
      int start) {
    String row = "(" + String.join(", ", Collections.nCopies(columns.size(), "?")) + ")";
    String sql =
        "INSERT INTO "
            + table
            + " ("
            + String.join(", ", columns)
            + ") VALUES "
            + String.join(", ", Collections.nCopies(chunk.size(), row))
            + " ON CONFLICT ("
            + String.join(", ", key)
            + ") DO NOTHING RETURNING "
            + String.join(", ", key);
    List<Object> params = new ArrayList<>();
    chunk.forEach(r -> params.addAll(List.of(r)));
    Set<List<Object>> keys = new HashSet<>();
    template.query(
        sql,
        rs -> {
          List<Object> k = new ArrayList<>();
          for (int i = 1; i <= key.size(); i++) {
            k.add(rs.getObject(i));
          }
          keys.add(k);
        },
        params.toArray());
    List<Integer> at = key.stream().map(columns::indexOf).toList();
    for (int i = 0; i < chunk.size(); i++) {
      Object[] r = chunk.get(i);
      inserted[start + i] = keys.contains(at.stream().map(p -> r[p]).toList());
    }
  }

  private static String merge(String table, List<String> columns, List<String> key) {
    return "MERGE INTO "
        + table
        + " t USING (VALUES ("
        + String.join(", ", Collections.nCopies(columns.size(), "?"))
        + ")) AS s ("
        + String.join(", ", columns)
        + ") ON "
        + key.stream().map(k -> "t." + k + " = s." + k).collect(Collectors.joining(" AND "))
        + " WHEN NOT MATCHED THEN INSERT ("
        + String.join(", ", columns)
        + ") VALUES ("
        + columns.stream().map(c -> "s." + c).collect(Collectors.joining(", "))
        + ")";
  }
}
