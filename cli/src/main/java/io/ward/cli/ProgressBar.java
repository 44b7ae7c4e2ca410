package io.ward.cli;

import io.ward.capture.ProgressListener;
import java.io.PrintStream;

/**
 * A one-line progress bar on stderr, drawn only when Ward runs on a terminal so that pipes and logs
 * stay clean. Redraws at most ten times a second.
 */
final class ProgressBar implements ProgressListener {
  private static final long REDRAW_NANOS = 100_000_000L;
  private static final int WIDTH = 30;

  private final PrintStream err;
  private final String label;
  private long lastDraw;
  private boolean drawn;

  private ProgressBar(PrintStream err, String label) {
    this.err = err;
    this.label = label;
  }

  /** A progress bar when stderr is a terminal, otherwise a listener that does nothing. */
  static ProgressListener forTerminal(PrintStream err, String label, boolean enabled) {
    return enabled && System.console() != null
        ? new ProgressBar(err, label)
        : ProgressListener.NONE;
  }

  @Override
  public void progress(long bytesRead, long totalBytes) {
    long now = System.nanoTime();
    if (drawn && now - lastDraw < REDRAW_NANOS && bytesRead < totalBytes) {
      return;
    }
    lastDraw = now;
    drawn = true;
    if (totalBytes > 0) {
      int filled = (int) Math.min(WIDTH, WIDTH * bytesRead / totalBytes);
      err.printf(
          "\r%s [%s%s] %3d%% %,d MB",
          label,
          "#".repeat(filled),
          " ".repeat(WIDTH - filled),
          100 * bytesRead / totalBytes,
          bytesRead >> 20);
    } else {
      err.printf("\r%s %,d MB", label, bytesRead >> 20);
    }
    err.flush();
  }

  /** Clears the bar's line. */
  void finish() {
    if (drawn) {
      err.print("\r" + " ".repeat(label.length() + WIDTH + 24) + "\r");
      err.flush();
    }
  }

  /** Clears the line if the listener is a progress bar. */
  static void finish(ProgressListener listener) {
    if (listener instanceof ProgressBar) {
      ((ProgressBar) listener).finish();
    }
  }
}
