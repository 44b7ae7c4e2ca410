package io.ward.server;

import java.io.IOException;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.springframework.transaction.TransactionSystemException;

/**
 * Tells a failure for lack of disk space: ENOSPC ("No space left on device") or EDQUOT ("Disk quota
 * exceeded") among its causes, which Java reports only by an {@link IOException}'s message, or
 * PostgreSQL's own refusal for a full disk (SQLSTATE 53100). A change the database could not write
 * so is answered 507 Insufficient Storage with {@link #DATABASE}, as an upload the disk cannot take
 * is ({@code UploadRefused}).
 */
public final class DiskFull {
  /**
   * PostgreSQL's {@code disk_full}: a file of the database could not be extended. Only this one of
   * class 53 (insufficient resources): out of memory (53200) or too many connections (53300) are no
   * full disk, and freeing space would not help.
   */
  static final String POSTGRES_DISK_FULL = "53100";

  private static final String FREE_SPACE =
      "free space where the database keeps its files (under the data directory for the embedded"
          + " database)";

  /** What a change the database could not store for lack of space is answered with. */
  public static final String DATABASE =
      "the disk is full: the database could not store this change, and nothing of it was"
          + " stored; "
          + FREE_SPACE
          + " and try again";

  /** How a job whose results the database could not store for lack of space ends. */
  public static final String JOB =
      "the disk is full: the database could not store this job's results, and nothing of them"
          + " was stored; "
          + FREE_SPACE
          + " and submit it again";

  private DiskFull() {}

  /** True when {@code failure} or one of its causes is a write refused for lack of space. */
  public static boolean causes(Throwable failure) {
    return failures(failure).anyMatch(DiskFull::noSpace);
  }

  /**
   * True when the database failed for lack of space: PostgreSQL said so (SQLSTATE 53100), or an
   * {@link SQLException} is among the causes (the embedded H2 reports its own failed write as one)
   * with a write refused so.
   */
  public static boolean inDatabase(Throwable failure) {
    return failures(failure).anyMatch(DiskFull::postgresDiskFull)
        || (causes(failure) && failures(failure).anyMatch(SQLException.class::isInstance));
  }

  private static boolean noSpace(Throwable t) {
    String m = t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
    return t instanceof IOException
        && (m.contains("no space left on device") || m.contains("disk quota exceeded"));
  }

  private static boolean postgresDiskFull(Throwable t) {
    return t instanceof SQLException e && POSTGRES_DISK_FULL.equals(e.getSQLState());
  }

  /**
   * A failure and its causes, those of the failure a transaction's rollback hid (when the database
   * closed itself after a failed write, rolling back fails too, and Spring reports that failure
   * with the first one aside), and the chained exceptions of an {@link SQLException} (a failed JDBC
   * batch reports the statement's own failure as the next exception).
   */
  private static Stream<Throwable> failures(Throwable failure) {
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    Deque<Throwable> next = new ArrayDeque<>();
    next.add(failure);
    while (!next.isEmpty() && seen.size() < 100) {
      Throwable t = next.remove();
      if (!seen.add(t)) {
        continue;
      }
      if (t.getCause() != null) {
        next.add(t.getCause());
      }
      if (t instanceof TransactionSystemException rollback
          && rollback.getApplicationException() != null) {
        next.add(rollback.getApplicationException());
      }
      if (t instanceof SQLException sql && sql.getNextException() != null) {
        next.add(sql.getNextException());
      }
    }
    return seen.stream();
  }
}
