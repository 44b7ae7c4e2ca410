package io.ward.server.ingest;

import java.io.IOException;

/**
 * An upload Ward will not store, with the message for the user: larger than {@code
 * ward.ingest.max-upload-size}. Nothing of it is kept and nothing stored before changes.
 */
public final class UploadRefused extends IOException {
  private static final long serialVersionUID = 1L;

  /** Why. */
  public enum Reason {
    /** Larger than the configured limit (HTTP 413). */
    TOO_LARGE
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
