package io.ward.server.ingest;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/** The ingest_job rows. */
@Repository
class JobStore {
  private final JdbcClient jdbc;

  JobStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  long create(
      JobKind kind, String filename, String sha256, String storedPath, long size, String by) {
    KeyHolder key = new GeneratedKeyHolder();
    jdbc.sql(
            "INSERT INTO ingest_job (kind, state, filename, content_sha256, stored_path,"
                + " size_bytes, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
        .params(
            kind.id(),
            JobState.QUEUED.id(),
            clip(filename, 500),
            sha256,
            clip(storedPath, 1000),
            size,
            clip(by, 100),
            now())
        .update(key, "id");
    return key.getKeyAs(Number.class).longValue();
  }

  Optional<Job> get(long id) {
    return jdbc.sql("SELECT * FROM ingest_job WHERE id = ?")
        .param(id)
        .query(JobStore::row)
        .optional();
  }

  /** The stored file and its content hash. */
  Optional<String[]> source(long id) {
    return jdbc.sql("SELECT stored_path, content_sha256 FROM ingest_job WHERE id = ?")
        .param(id)
        .query((rs, n) -> new String[] {rs.getString(1), rs.getString(2)})
        .optional();
  }

  /**
   * True when a job other than {@code id} names this stored file and succeeded (its knowledge is
   * read from the file) or has yet to finish (it will read it).
   */
  boolean othersHold(String storedPath, long id) {
    return jdbc.sql(
                "SELECT COUNT(*) FROM ingest_job WHERE stored_path = ? AND id <> ?"
                    + " AND state IN (?, ?, ?)")
            .params(
                storedPath,
                id,
                JobState.SUCCEEDED.id(),
                JobState.QUEUED.id(),
                JobState.RUNNING.id())
            .query(Long.class)
            .single()
        > 0;
  }

  List<Job> recent(int limit) {
    return jdbc.sql(
            "SELECT * FROM ingest_job ORDER BY id DESC FETCH FIRST "
                + Math.max(1, Math.min(limit, 500))
                + " ROWS ONLY")
        .query(JobStore::row)
        .list();
  }

  /** Moves a queued job to running; false when it was no longer queued (cancelled). */
  boolean start(long id) {
    return jdbc.sql("UPDATE ingest_job SET state = ?, started_at = ? WHERE id = ? AND state = ?")
            .params(JobState.RUNNING.id(), now(), id, JobState.QUEUED.id())
            .update()
        == 1;
  }

  void progress(long id, long bytes) {
    jdbc.sql("UPDATE ingest_job SET progress_bytes = ? WHERE id = ?").params(bytes, id).update();
  }

  /** Ends an unfinished job now; false when it had already finished. */
  boolean finish(long id, JobState state, String message) {
    return finish(id, state, message, now());
  }

  /** Ends an unfinished job as of {@code at}; false when it had already finished. */
  boolean finish(long id, JobState state, String message, OffsetDateTime at) {
    return jdbc.sql(
                "UPDATE ingest_job SET state = ?, message = ?, finished_at = ?"
                    + " WHERE id = ? AND state IN (?, ?)")
            .params(
                state.id(),
                clip(message, 4000),
                at,
                id,
                JobState.QUEUED.id(),
                JobState.RUNNING.id())
            .update()
        == 1;
  }

  /** Marks a running job succeeded; false when it is no longer running (cancelled meanwhile). */
  boolean succeed(long id, String message, int added, int updated, Long captureId) {
    return jdbc.sql(
                "UPDATE ingest_job SET state = ?, message = ?, finished_at = ?, devices_added = ?,"
                    + " devices_updated = ?, capture_id = ?, progress_bytes = size_bytes"
                    + " WHERE id = ? AND state = ?")
            .params(
                JobState.SUCCEEDED.id(),
                clip(message, 4000),
                now(),
                added,
                updated,
                captureId,
                id,
                JobState.RUNNING.id())
            .update()
        == 1;
  }

  /** Jobs of a kind still queued or running. */
  long unfinished(JobKind kind) {
    return jdbc.sql("SELECT COUNT(*) FROM ingest_job WHERE kind = ? AND state IN (?, ?)")
        .params(kind.id(), JobState.QUEUED.id(), JobState.RUNNING.id())
        .query(Long.class)
        .single();
  }

  /** Jobs left queued or running, oldest first: after a restart, a previous process's. */
  List<Long> unfinished() {
    return jdbc.sql("SELECT id FROM ingest_job WHERE state IN (?, ?) ORDER BY id")
        .params(JobState.QUEUED.id(), JobState.RUNNING.id())
        .query(Long.class)
        .list();
  }

  /** The stored files of jobs still queued or running. */
  List<String> unfinishedPaths() {
    return jdbc.sql("SELECT stored_path FROM ingest_job WHERE state IN (?, ?)")
        .params(JobState.QUEUED.id(), JobState.RUNNING.id())
        .query(String.class)
        .list();
  }

  private static Job row(ResultSet rs, int n) throws SQLException {
    long capture = rs.getLong("capture_id");
    boolean noCapture = rs.wasNull();
    return new Job(
        rs.getLong("id"),
        JobKind.fromId(rs.getString("kind")).orElse(JobKind.CAPTURE),
        JobState.valueOf(rs.getString("state").toUpperCase(java.util.Locale.ROOT)),
        rs.getString("filename"),
        rs.getLong("size_bytes"),
        rs.getLong("progress_bytes"),
        rs.getString("message"),
        rs.getInt("devices_added"),
        rs.getInt("devices_updated"),
        noCapture ? Optional.empty() : Optional.of(capture),
        rs.getString("created_by"),
        instant(rs, "created_at").orElse(Instant.EPOCH),
        instant(rs, "started_at"),
        instant(rs, "finished_at"));
  }

  private static Optional<Instant> instant(ResultSet rs, String col) throws SQLException {
    OffsetDateTime t = rs.getObject(col, OffsetDateTime.class);
    return Optional.ofNullable(t).map(OffsetDateTime::toInstant);
  }

  /** The time stored for a job's start or end: UTC, to the microsecond the databases keep. */
  static OffsetDateTime now() {
    return OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
  }

  static String clip(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max);
  }
}
