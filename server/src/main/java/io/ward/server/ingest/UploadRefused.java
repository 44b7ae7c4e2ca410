package io.ward.server.ingest;

import io.ward.server.DiskFull;
import java.io.IOException;
import java.util.Optional;

/**
 * An upload Ward will not store, with the message for the user: larger than {@code
 * ward.ingest.max-upload-size}, or the disk under the data directory is full. Nothing of it is kept
 * and nothing stored before changes.
 */
public final class UploadRefused extends IOException {
  private static final long serialVersionUID = 1L;

  /** Why. */
  public enum Reason {
    /** Larger than the configured limit (HTTP 413). */
    TOO_LARGE,
    /** No space left where uploads are written (HTTP 507). */
    DISK_FULL
  }

  private final Reason reason;

  private UploadRefused(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  /** Why it was refused. */
  public Reason reason() {
    return reason;
  }

  /** An upload larger than {@code maxBytes}; {@code filename} may be null when unknown. */
  public static UploadRefused tooLarge(String filename, long maxBytes) {
    return new UploadRefused(
        Reason.TOO_LARGE,
        (filename == null ? "the upload" : filename)
            + " is larger than the upload limit of "
            + size(maxBytes)
            + " (ward.ingest.max-upload-size); nothing was stored",
        null);
  }

  /**
   * The upload refused because the disk is full, when {@code failure} (or a cause of it) says so:
   * ENOSPC ("No space left on device") or EDQUOT ("Disk quota exceeded"). Java reports both only by
   * an {@link IOException}'s message.
   */
  public static Optional<UploadRefused> diskFull(String filename, Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof UploadRefused refused) {
        return Optional.of(refused);
      }
    }
    if (!DiskFull.causes(failure)) {
      return Optional.empty();
    }
    return Optional.of(
        new UploadRefused(
            Reason.DISK_FULL,
            (filename == null ? "the upload" : filename)
                + " could not be stored: the server's disk is full (no space left where the"
                + " data directory keeps uploads); nothing was stored, free space there and"
                + " upload it again",
            failure));
  }

  /** A size as people read it: 8 GiB, 500 MiB, 64 KiB, else in bytes. */
  public static String size(long bytes) {
    String[] units = {"GiB", "MiB", "KiB"};
    for (int i = 0; i < units.length; i++) {
      long unit = 1L << (30 - 10 * i);
      if (bytes >= unit && bytes % unit == 0) {
        return bytes / unit + " " + units[i];
      }
    }
    return bytes + (bytes == 1 ? " byte" : " bytes");
  }
}
