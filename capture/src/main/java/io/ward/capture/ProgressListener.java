package io.ward.capture;

/** Told how far the reader got, in bytes of the source as stored (compressed if gzip). */
@FunctionalInterface
public interface ProgressListener {

  /**
   * Called from the reading thread every few megabytes and once at the end.
   *
   * @param totalBytes the source size, or -1 when unknown (a stream)
   */
  void progress(long bytesRead, long totalBytes);

  /** Ignores progress. */
  ProgressListener NONE = (bytesRead, totalBytes) -> {};
}
