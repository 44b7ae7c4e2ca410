package io.ward.server;

import io.ward.server.audit.Actor;
import io.ward.server.ingest.IngestService;
import io.ward.server.ingest.Job;
import io.ward.server.ingest.JobService;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.springframework.context.ConfigurableApplicationContext;

/** A started server: its address, the first-start setup link, in-process ingest, and stop. */
public final class RunningServer implements AutoCloseable {
  private final ConfigurableApplicationContext context;
  private final String url;
  private final Optional<String> setupUrl;

  RunningServer(ConfigurableApplicationContext context, String url, Optional<String> setupUrl) {
    this.context = context;
    this.url = url;
    this.setupUrl = setupUrl;
  }

  /** The base URL, e.g. {@code http://127.0.0.1:8080}. */
  public String url() {
    return url;
  }

  /**
   * The one-time setup URL that creates the first admin, when the server started with no users
   * (valid once, for {@code ward.security.setup-token-validity}).
   */
  public Optional<String> oneTimeLoginUrl() {
    return setupUrl;
  }

  /** Queues the ingest of a capture file on this machine (read in place, no HTTP). */
  public Job ingestCapture(Path file) throws IOException {
    return context.getBean(IngestService.class).submitCaptureFile(file, Actor.cli());
  }

  /** Queues the import of advisory feeds from a directory on this machine (read in place). */
  public Job importFeeds(Path dir) throws IOException {
    return context.getBean(IngestService.class).submitFeedDirectory(dir, Actor.cli());
  }

  /** Waits for a job to finish (or the timeout to pass) and returns it as it stands. */
  public Optional<Job> awaitJob(long id, Duration timeout) throws InterruptedException {
    return context.getBean(JobService.class).await(id, timeout);
  }

  /** The Spring context, for embedding code that needs a service directly. */
  public ConfigurableApplicationContext context() {
    return context;
  }

  /** Stops the server and releases the database. */
  @Override
  public void close() {
    context.close();
  }
}
