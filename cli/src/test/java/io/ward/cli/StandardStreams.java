package io.ward.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Puts buffers in place of {@code System.out} and {@code System.err} around each test, for tests
 * that run a command in this JVM and read what it printed. Register it with
 * {@code @RegisterExtension}.
 */
final class StandardStreams implements BeforeEachCallback, AfterEachCallback {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private PrintStream savedOut;
  private PrintStream savedErr;

  @Override
  public void beforeEach(ExtensionContext context) {
    savedOut = System.out;
    savedErr = System.err;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Override
  public void afterEach(ExtensionContext context) {
    System.setOut(savedOut);
    System.setErr(savedErr);
  }

  /** What the test printed to standard output so far. */
  String stdout() {
    return out.toString(StandardCharsets.UTF_8);
  }

  /** What the test printed to standard error so far. */
  String stderr() {
    return err.toString(StandardCharsets.UTF_8);
  }

  /** Forgets what was printed to standard output. */
  void resetStdout() {
    out.reset();
  }

  /** Forgets what was printed to standard error. */
  void resetStderr() {
    err.reset();
  }
}
