package io.ward.server;

import java.io.IOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.springframework.transaction.TransactionSystemException;

/**
 * Tells a failure for lack of disk space: ENOSPC ("No space left on device") or EDQUOT ("Disk quota
 * exceeded") among its causes, which Java reports only by an {@link IOException}'s message. A
 * change the embedded database could not write so is answered 507 Insufficient Storage with {@link
 * #DATABASE}, as an upload the disk cannot take is ({@code UploadRefused}).
 */
public final class DiskFull {
  /** What a change the database could not store for lack of space is answered with. */
  public static final String DATABASE =
      "the server's disk is full: the database could not store this change, and nothing of it"
          + " was stored; free space under the data directory and try again";

  private DiskFull() {}

  /** True when {@code failure} or one of its causes is a write refused for lack of space. */
  public static boolean causes(Throwable failure) {
    return failures(failure).anyMatch(DiskFull::noSpace);
  }

  /**
   * True when the database failed for lack of space: an {@link SQLException} among the causes (the
   * embedded H2 reports its own failed write as one), and a write refused so.
   */
  public static boolean inDatabase(Throwable failure) {
    return causes(failure) && failures(failure).anyMatch(SQLException.class::isInstance);
  }

  private static boolean noSpace(Throwable t) {
    String m = t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
    return t instanceof IOException
        && (m.contains("no space left on device") || m.contains("disk quota exceeded"));
  }

  /**
   * A failure and its causes, and those of the failure a transaction's rollback hid: when the
   * database closed itself after a failed write, rolling back fails too, and Spring reports that
   * failure with the first one aside.
   */
  private static Stream<Throwable> failures(Throwable failure) {
    List<Throwable> all = new ArrayList<>();
    for (Throwable t = failure; t != null && all.size() < 100; t = t.getCause()) {
      if (all.contains(t)) {
        break;
      }
      all.add(t);
      if (t instanceof TransactionSystemException rollback
          && rollback.getApplicationException() != null) {
        all.addAll(failures(rollback.getApplicationException()).toList());
      }
    }
    return all.stream();
  }
}
