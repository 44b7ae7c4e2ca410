package io.ward.capture;

import java.io.IOException;

/**
 * The input is not a capture Ward can read: empty, not pcap/pcapng, or unreadable. The message is
 * always {@code "<name>: <problem>"} and is meant for the user as is (no stack trace).
 */
public class CaptureFormatException extends IOException {
  private static final long serialVersionUID = 1L;

  /** A problem with the capture named {@code name}. */
  public CaptureFormatException(String name, String problem) {
    super(name + ": " + problem);
  }

  /** A problem with the capture named {@code name}, caused by {@code cause}. */
  public CaptureFormatException(String name, String problem, Throwable cause) {
    super(name + ": " + problem, cause);
  }
}
