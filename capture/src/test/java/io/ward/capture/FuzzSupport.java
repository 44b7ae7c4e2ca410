package io.ward.capture;

import io.ward.capture.dissect.DissectorRegistry;
import io.ward.capture.dissect.ObservationSink;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Runs the whole engine over bytes; only a CaptureFormatException may come out. */
final class FuzzSupport {
  private static final CaptureEngine ENGINE =
      new CaptureEngine(CaptureOptions.defaults().withDissectors(DissectorRegistry.all()));

  private FuzzSupport() {}

  /** Analyses {@code data}; returns null when it is not a capture. */
  static CaptureSummary analyze(byte[] data) {
    try {
      return ENGINE.analyze(
          CaptureSource.ofStream(new ByteArrayInputStream(data), "fuzz"),
          ObservationSink.NONE,
          ProgressListener.NONE);
    } catch (CaptureFormatException e) {
      if (!e.getMessage().startsWith("fuzz: ")) {
        throw new AssertionError("message must name the source: " + e.getMessage(), e);
      }
      return null;
    } catch (IOException e) {
      throw new UncheckedIOException("only CaptureFormatException is expected", e);
    }
  }
}
