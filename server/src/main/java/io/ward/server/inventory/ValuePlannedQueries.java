package io.ward.server.inventory;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import org.postgresql.PGStatement;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.SqlTypeValue;
import org.springframework.jdbc.core.StatementCreatorUtils;
import org.springframework.stereotype.Component;

/**
 * Runs a query that PostgreSQL plans for its actual values every time, never as a prepared
 * statement with a cached plan. Free-text search needs this: the same statement finds one device (a
 * host name) or a third of them (a vendor), and the best plan differs (the trigram index, or
 * walking the risk order). After five runs on a connection the driver prepares a statement on the
 * server, and PostgreSQL then tends to keep one generic plan for every value: for a host name that
 * plan read all 100,000 devices (84 ms against 1.2 ms planned for the value).
 */
@Component
class ValuePlannedQueries {
  private final JdbcTemplate jdbc;

  ValuePlannedQueries(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  <T> List<T> query(String sql, List<Object> params, RowMapper<T> rows) {
    return jdbc.query(
        con -> {
          PreparedStatement ps = con.prepareStatement(sql);
          try {
            if (ps.isWrapperFor(PGStatement.class)) {
              ps.unwrap(PGStatement.class).setPrepareThreshold(0);
            }
            for (int i = 0; i < params.size(); i++) {
              StatementCreatorUtils.setParameterValue(
                  ps, i + 1, SqlTypeValue.TYPE_UNKNOWN, params.get(i));
            }
            return ps;
          } catch (SQLException | RuntimeException e) {
            ps.close();
            throw e;
          }
        },
        rows);
  }
}
