package io.ward.exposure.feeds;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * A problem found while reading a feed file: the file, where in it (a JSON pointer, a line, a sheet
 * row), and what is wrong. Errors mean something was not imported; warnings mean it was imported
 * with a doubt.
 *
 * @param file the file, as given to the reader
 * @param severity error (something dropped) or warning (imported anyway)
 * @param location where in the file, e.g. {@code /vulnerabilities/0/cve} or {@code line 12}
 * @param message what is wrong, for a person
 */
public record FeedProblem(
    String file, Severity severity, Optional<String> location, String message) {

  public FeedProblem {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(message, "message");
  }

  /** How bad a problem is. */
  public enum Severity {
    /** Something in the file was not imported. */
    ERROR,
    /** Imported, but with a doubt worth showing. */
    WARNING
  }

  /** An error about the whole file. */
  public static FeedProblem error(Path file, String message) {
    return new FeedProblem(file.toString(), Severity.ERROR, Optional.empty(), message);
  }

  /** An error at a location in the file. */
  public static FeedProblem error(Path file, String location, String message) {
    return new FeedProblem(file.toString(), Severity.ERROR, Optional.of(location), message);
  }

  /** A warning at a location in the file. */
  public static FeedProblem warning(Path file, String location, String message) {
    return new FeedProblem(file.toString(), Severity.WARNING, Optional.of(location), message);
  }

  /** A warning about the whole file. */
  public static FeedProblem warning(Path file, String message) {
    return new FeedProblem(file.toString(), Severity.WARNING, Optional.empty(), message);
  }

  /** True for errors. */
  public boolean isError() {
    return severity == Severity.ERROR;
  }

  @Override
  public String toString() {
    return file
        + location.map(l -> " " + l).orElse("")
        + ": "
        + severity.name().toLowerCase(java.util.Locale.ROOT)
        + ": "
        + message;
  }
}
