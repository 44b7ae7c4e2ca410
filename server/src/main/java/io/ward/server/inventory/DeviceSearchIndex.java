package io.ward.server.inventory;

import io.ward.server.config.Databases;
import io.ward.server.config.WardProperties;
import jakarta.annotation.PreDestroy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Free-text search of the inventory from a copy of the devices' search texts in memory, on
 * PostgreSQL.
 *
 * <p>Why: a substring search ordered by risk is what the inventory's search box sends, and no index
 * of the database serves both at once. PostgreSQL either reads every match through the trigram
 * index and sorts them, or walks the risk order testing each device; which is cheaper depends on
 * how many devices hold the word and where they lie in the order, which it cannot estimate for a
 * substring. At 100,000 devices these searches took two thirds of the database's time under load
 * (6-8 ms each idle, far more under load) while being a fifth of the requests. Here the candidates
 * of the word's rarest trigram ({@link TrigramPostings}) are tested riskiest first until the page
 * is full (4-150 microseconds at 100,000 devices), and the database then reads the page's rows by
 * id.
 *
 * <p>Always exact: the copy is labelled with the snapshot it was read in, and before each use one
 * statement asks whether a transaction that wrote devices ({@code device_write}, filled by a
 * trigger) has committed since; if one has, the search goes to the database and a new copy is read
 * in the background. Other servers and command-line tools on the same database are seen the same
 * way. On H2 (one process, small sites) the database's own search is used.
 */
@Component
public class DeviceSearchIndex {
  private static final Logger log = LoggerFactory.getLogger(DeviceSearchIndex.class);

  /** Beyond this many devices the copy would cost too much memory: the database searches. */
  static final int MAX_DEVICES = 500_000;

  /**
   * A label is trusted for this long; a use that finds nothing written moves it on (after {@link
   * #RELABEL_NANOS}), so only a copy left unused this long is read again. Rows of {@code
   * device_write} that every label this young already sees are deleted ({@link #prune}).
   */
  static final long TRUST_NANOS = TimeUnit.MINUTES.toNanos(5);

  private static final long RELABEL_NANOS = TimeUnit.SECONDS.toNanos(30);
  private static final long PRUNE_AFTER_NANOS = 3 * TRUST_NANOS;

  private static final String BUILD =
      "SELECT d.id, d.risk_score, d.search_text, d.search_addresses, d.category,"
          + " d.criticality_rank, LOWER(d.vendor), d.site_id, d.medical, d.kev FROM device d"
          + " ORDER BY d.risk_score DESC, d.id DESC";

  /**
   * Whether a transaction that the label does not see has written devices, and the current
   * snapshot, in one statement so that both describe the same state.
   */
  private static final String CHECK =
      "SELECT EXISTS (SELECT 1 FROM device_write w"
          // Transactions below the snapshot's xmin had ended when it was taken: the bound lets the
          // primary key find the few that may not have.
          + " WHERE w.xid >= pg_snapshot_xmin(CAST(? AS pg_snapshot))"
          + " AND NOT pg_visible_in_snapshot(w.xid, CAST(? AS pg_snapshot))),"
          + " CAST(pg_current_snapshot() AS text),"
          // A snapshot leaves out the transaction taking it: a label taken inside a transaction
          // that may still write devices would count those writes as seen.
          + " pg_current_xact_id_if_assigned() IS NULL";

  /** How long a copy refused for its size is not tried again. */
  private static final long REFUSED_NANOS = TimeUnit.MINUTES.toNanos(10);

  private final boolean enabled;
  private final DataSource dataSource;
  private final JdbcTemplate jdbc;
  private final ScheduledExecutorService builder;
  private final AtomicBoolean building = new AtomicBoolean();
  private volatile Labelled current;

  /** Until when (nanoTime) no copy is read: the last had more than {@link #MAX_DEVICES}. */
  private volatile long refusedUntil;

  /** Labels of past copies, oldest first: what {@link #prune} may rely on. */
  private final Deque<Label> history = new ArrayDeque<>();

  /** A snapshot's text and when it was taken, by this JVM's monotonic clock. */
  private record Label(String snapshot, long takenNanos) {}

  private record Labelled(SearchSnapshot devices, Label label) {}

  /** What {@link #CHECK} answers; {@code outsideWrites}: the caller's transaction has no xid. */
  private record Check(boolean stale, String snapshot, boolean outsideWrites) {}

  @Autowired
  DeviceSearchIndex(WardProperties properties, DataSource dataSource, JdbcTemplate jdbc) {
    this(properties.db().kind() == Databases.POSTGRESQL, dataSource, jdbc);
  }

  DeviceSearchIndex(boolean enabled, DataSource dataSource, JdbcTemplate jdbc) {
    this.enabled = enabled;
    this.dataSource = dataSource;
    this.jdbc = jdbc;
    this.builder =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "ward-search-index");
              t.setDaemon(true);
              return t;
            });
    if (enabled) {
      // device_write is pruned on a schedule too: a server that never searches free text still
      // records a label now and then, and deletes what every trusted label sees.
      long every = TimeUnit.NANOSECONDS.toSeconds(TRUST_NANOS);
      builder.scheduleWithFixedDelay(this::labelAndPrune, every, every, TimeUnit.SECONDS);
    }
  }

  /** Whether searches can be answered here at all (PostgreSQL). */
  boolean enabled() {
    return enabled;
  }

  /**
   * The copy to search for {@code query}, when it can answer it and still holds what the database
   * holds; otherwise empty, and a new copy is read in the background when this one is out of date.
   */
  Optional<SearchSnapshot> current(DeviceQuery query) {
    if (!enabled || !SearchSnapshot.answers(query)) {
      return Optional.empty();
    }
    Labelled c = current;
    if (c == null || System.nanoTime() - c.label().takenNanos() > TRUST_NANOS) {
      rebuildLater();
      return Optional.empty();
    }
    Check check =
        jdbc.queryForObject(
            CHECK,
            (rs, n) -> new Check(rs.getBoolean(1), rs.getString(2), rs.getBoolean(3)),
            c.label().snapshot(),
            c.label().snapshot());
    if (check == null || check.stale()) {
      rebuildLater();
      return Optional.empty();
    }
    long t = System.nanoTime();
    if (check.outsideWrites() && t - c.label().takenNanos() > RELABEL_NANOS) {
      // Nothing written since the label: the copy is also the state of the newer snapshot.
      relabel(c, new Label(check.snapshot(), t));
    }
    return Optional.of(c.devices());
  }

  private synchronized void relabel(Labelled seen, Label newer) {
    if (current == seen) {
      current = new Labelled(seen.devices(), newer);
      history.addLast(newer);
    }
  }

  /** Records a label of the current snapshot and prunes (scheduled). */
  private void labelAndPrune() {
    try {
      String now = jdbc.queryForObject("SELECT CAST(pg_current_snapshot() AS text)", String.class);
      synchronized (this) {
        history.addLast(new Label(now, System.nanoTime()));
      }
      prune();
    } catch (RuntimeException e) {
      log.warn("device_write could not be pruned", e);
    }
  }

  /** Reads a new copy in the background unless one is being read. */
  private void rebuildLater() {
    if (System.nanoTime() - refusedUntil < 0 || !building.compareAndSet(false, true)) {
      return;
    }
    try {
      builder.execute(
          () -> {
            try {
              rebuild();
            } catch (RuntimeException | SQLException e) {
              log.warn("the search index could not be read; the database searches instead", e);
            } finally {
              building.set(false);
            }
          });
    } catch (RejectedExecutionException e) {
      building.set(false); // shutting down: the database searches
    }
  }

  /** Reads a new copy now (tests; the server reads in the background). */
  void rebuild() throws SQLException {
    if (!enabled) {
      return;
    }
    long start = System.nanoTime();
    SearchSnapshot.Builder b = new SearchSnapshot.Builder();
    String snapshot;
    try (Connection con = dataSource.getConnection()) {
      boolean autoCommit = con.getAutoCommit();
      int isolation = con.getTransactionIsolation();
      con.setAutoCommit(false);
      con.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
      try {
        // Repeatable read: the label and the devices are one snapshot's.
        try (Statement st = con.createStatement();
            ResultSet rs = st.executeQuery("SELECT CAST(pg_current_snapshot() AS text)")) {
          rs.next();
          snapshot = rs.getString(1);
        }
        try (PreparedStatement ps = con.prepareStatement(BUILD)) {
          ps.setFetchSize(10_000);
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              if (b.size() >= MAX_DEVICES) {
                log.info("more than {} devices: the database answers free text", MAX_DEVICES);
                current = null;
                refusedUntil = System.nanoTime() + REFUSED_NANOS;
                return;
              }
              long site = rs.getLong(8);
              b.add(
                  rs.getLong(1),
                  rs.getInt(2),
                  rs.getString(3),
                  rs.getString(4),
                  rs.getString(5),
                  rs.getInt(6),
                  rs.getString(7),
                  rs.wasNull() ? SearchSnapshot.NO_SITE : site,
                  rs.getBoolean(9),
                  rs.getBoolean(10));
            }
          }
        }
      } finally {
        con.rollback();
        con.setTransactionIsolation(isolation);
        con.setAutoCommit(autoCommit);
      }
    }
    Label label = new Label(snapshot, start);
    synchronized (this) {
      current = new Labelled(b.build(), label);
      history.addLast(label);
    }
    prune();
    log.debug(
        "search index: {} devices in {} ms",
        b.size(),
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
  }

  /**
   * Deletes the {@code device_write} rows of transactions visible in a label at least {@link
   * #PRUNE_AFTER_NANOS} old. Every label trusted anywhere was taken later (labels are trusted for
   * {@link #TRUST_NANOS}, a third of that), so it sees those transactions too: their rows can no
   * longer make a copy out of date.
   */
  private void prune() {
    Label old = null;
    synchronized (this) {
      long now = System.nanoTime();
      while (!history.isEmpty() && now - history.peekFirst().takenNanos() >= PRUNE_AFTER_NANOS) {
        old = history.pollFirst();
      }
    }
    if (old != null) {
      jdbc.update(
          "DELETE FROM device_write WHERE pg_visible_in_snapshot(xid, CAST(? AS pg_snapshot))",
          old.snapshot());
    }
  }

  /** Stops the background reader. */
  @PreDestroy
  void close() throws InterruptedException {
    builder.shutdown();
    if (!builder.awaitTermination(10, TimeUnit.SECONDS)) {
      builder.shutdownNow();
    }
  }
}
