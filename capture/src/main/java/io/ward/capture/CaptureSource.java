package io.ward.capture;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;

/** Where a capture comes from: a file, or a stream such as standard input ({@code -}). */
public final class CaptureSource {
  private final String name;
  private final Path path;
  private final InputStream stream;

  private CaptureSource(String name, Path path, InputStream stream) {
    this.name = name;
    this.path = path;
    this.stream = stream;
  }

  /** A capture file (pcap or pcapng, optionally gzip-compressed). */
  public static CaptureSource ofPath(Path path) {
    Objects.requireNonNull(path, "path");
    return new CaptureSource(path.toString(), path, null);
  }

  /**
   * A capture arriving on a stream, e.g. {@code ofStream(System.in, "-")} for {@code tcpdump -w - |
   * ward analyze -}. The stream is read once and closed at the end of the analysis.
   */
  public static CaptureSource ofStream(InputStream in, String displayName) {
    Objects.requireNonNull(in, "in");
    Objects.requireNonNull(displayName, "displayName");
    return new CaptureSource(displayName, null, in);
  }

  /** The name used in messages and the summary. */
  public String name() {
    return name;
  }

  /** The stored size in bytes, or -1 when unknown (a stream, or a file that cannot be read). */
  public long sizeBytes() {
    if (path == null) {
      return -1;
    }
    try {
      return Files.isRegularFile(path) ? Files.size(path) : -1;
    } catch (IOException e) {
      return -1;
    }
  }

  /**
   * Opens the raw bytes. A file is read through a {@link FileChannel} (large reads straight into
   * the reader's heap buffer); a stream through a channel adapter.
   */
  ReadableByteChannel open() throws CaptureFormatException {
    if (path == null) {
      return Channels.newChannel(stream);
    }
    if (Files.isDirectory(path)) {
      throw new CaptureFormatException(name, "is a directory, not a capture file");
    }
    try {
      return FileChannel.open(path, StandardOpenOption.READ);
    } catch (NoSuchFileException e) {
      throw new CaptureFormatException(name, "no such file");
    } catch (AccessDeniedException e) {
      throw new CaptureFormatException(name, "permission denied");
    } catch (IOException | SecurityException e) {
      throw new CaptureFormatException(name, "cannot be read (" + e.getMessage() + ")");
    }
  }

  @Override
  public String toString() {
    return name;
  }
}
