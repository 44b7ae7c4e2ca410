package io.ward.bench;

import io.ward.server.RunningServer;
import io.ward.server.WardServer;
import io.ward.server.ingest.Job;
import io.ward.server.ingest.JobState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * One timed ingest through the server, in a JVM of its own with the JVM's default options (as
 * {@code ward serve} runs): starts the server on a fresh schema, then times {@link
 * RunningServer#ingestCapture} (the file read in place and hashed, the job queued) until the job
 * has finished (analysis, storage in one transaction, the exposure assessment of the stored
 * devices). Server start and schema migration are not timed: they happen once per server, not per
 * capture. The result goes to a properties file.
 *
 * <p>Arguments: {@code DB_URL DB_USER SCHEMA DATA_DIR CAPTURE RESULT_FILE}.
 */
public final class ServerIngestRun {

  private static final Duration TIMEOUT = Duration.ofHours(2);

  private ServerIngestRun() {}

  /** Runs one ingest and writes {@code seconds}, {@code state} and {@code message}. */
  public static void main(String[] args) throws Exception {
    if (args.length != 7) {
      System.err.println(
          "usage: ServerIngestRun DB_URL DB_USER SCHEMA DATA_DIR WARMUP_CAPTURE CAPTURE RESULT");
      System.exit(2);
    }
    Path warmup = Path.of(args[4]);
    Path capture = Path.of(args[5]);
    try (RunningServer server =
        WardServer.start(
            ServerProcess.settings(args[0], args[1], Path.of(args[3]), Optional.of(args[2])))) {
      Job warm = server.awaitJob(server.ingestCapture(warmup).id(), TIMEOUT).orElseThrow();
      if (warm.state() != JobState.SUCCEEDED) {
        System.err.println("the warm-up ingest ended " + warm.state() + ": " + warm.message());
        System.exit(1);
      }
      long start = System.nanoTime();
      Job queued = server.ingestCapture(capture);
      Job job = server.awaitJob(queued.id(), TIMEOUT).orElseThrow();
      double seconds = (System.nanoTime() - start) / 1e9;
      double jobSeconds =
          job.startedAt().isPresent() && job.finishedAt().isPresent()
              ? Duration.between(job.startedAt().get(), job.finishedAt().get()).toNanos() / 1e9
              : Double.NaN;
      Files.writeString(
          Path.of(args[6]),
          String.format(
              Locale.ROOT,
              "seconds=%.3f%njobSeconds=%.3f%nstate=%s%nmessage=%s%n",
              seconds,
              jobSeconds,
              job.state().name(),
              job.message().replace('\n', ' ')));
      if (!job.state().finished()) {
        System.err.println("the ingest job did not finish within " + TIMEOUT);
        System.exit(1);
      }
    }
    System.exit(0);
  }
}
