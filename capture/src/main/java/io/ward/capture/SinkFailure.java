package io.ward.capture;

/**
 * The sink's own failure, carried out of the dissector that happened to be calling it. A dissector
 * that throws is counted and stopped while the analysis goes on; a sink that throws is a bug of its
 * own (the inventory's), and counting it against that dissector hid it. {@link CaptureEngine}
 * rethrows the cause itself, so that the caller sees the sink's exception as the sink threw it.
 */
final class SinkFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  SinkFailure(RuntimeException cause) {
    super(cause.getMessage(), cause, false, false);
  }

  /** The sink's exception. */
  RuntimeException sinkException() {
    return (RuntimeException) getCause();
  }
}
