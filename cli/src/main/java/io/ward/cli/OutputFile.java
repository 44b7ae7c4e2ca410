package io.ward.cli;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A file a command writes: checked before the work starts, so that a mistyped directory is reported
 * before an analysis rather than after it, and written beside the target then moved over it, so
 * that a failure leaves the last good file (or none) rather than a truncated one.
 */
final class OutputFile implements Closeable {

  private final Path target;
  private final Path partial;
  private final OutputStream out;
  private boolean done;

  private OutputFile(Path target, Path partial, OutputStream out) {
    this.target = target;
    this.partial = partial;
    this.out = out;
  }

  /**
   * Refuses, in one line naming the option and the file, a target that cannot be written: a
   * directory, one in a directory that does not exist, or one Ward may not write.
   */
  static void check(String option, String target) {
    Path file = Path.of(target).toAbsolutePath();
    if (Files.isDirectory(file)) {
      throw new UserInputException(option + " " + target + ": is a directory");
    }
    if (Files.exists(file)) {
      if (!Files.isWritable(file)) {
        throw new UserInputException(option + " " + target + ": permission denied");
      }
      return;
    }
    Path dir = file.getParent();
    if (dir == null || !Files.isDirectory(dir)) {
      throw new UserInputException(option + " " + target + ": no such directory " + dir);
    }
    if (!Files.isWritable(dir)) {
      throw new UserInputException(
          option + " " + target + ": permission denied (directory " + dir + ")");
    }
  }

  /**
   * Starts writing {@code file}: into a temporary file beside it, which {@link #commit()} moves
   * over it and {@link #close()} otherwise deletes. A device or a pipe ({@code /dev/stdout}), or a
   * file in a directory Ward may not write, is written in place, as only it can be.
   */
  static OutputFile create(Path file) throws IOException {
    Path target = file.toAbsolutePath();
    if (Files.exists(target)) {
      target = target.toRealPath(); // through a link, to what it names
      if (!Files.isRegularFile(target) || !Files.isWritable(target.getParent())) {
        return new OutputFile(target, null, buffered(Files.newOutputStream(target)));
      }
    }
    Path partial =
        Files.createTempFile(target.getParent(), "." + target.getFileName() + ".", ".partial");
    try {
      return new OutputFile(target, partial, buffered(Files.newOutputStream(partial)));
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(partial);
      throw e;
    }
  }

  private static OutputStream buffered(OutputStream out) {
    return new BufferedOutputStream(out, 1 << 16);
  }

  /** Where to write; closing it is left to {@link #commit()} and {@link #close()}. */
  OutputStream stream() {
    return out;
  }

  /** Writes out what is buffered and puts the file in place of the target. */
  void commit() throws IOException {
    out.close();
    if (partial != null) {
      Files.move(
          partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
    done = true;
  }

  /** Discards the file unless committed. */
  @Override
  public void close() throws IOException {
    if (done) {
      return;
    }
    try {
      out.close();
    } catch (IOException e) {
      // Discarded anyway; the failure that got here is the one to report.
    } finally {
      if (partial != null) {
        Files.deleteIfExists(partial);
      }
    }
  }

  /** Writes {@code file} whole with {@code writer}, or leaves it as it was. */
  static void write(Path file, Writer writer) throws IOException {
    try (OutputFile f = create(file)) {
      writer.writeTo(f.stream());
      f.commit();
    }
  }

  /** What writes one output. */
  @FunctionalInterface
  interface Writer {
    void writeTo(OutputStream out) throws IOException;
  }
}
