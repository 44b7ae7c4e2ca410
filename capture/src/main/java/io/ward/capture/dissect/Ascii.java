package io.ward.capture.dissect;

/** Byte checks the dissectors share. */
public final class Ascii {
  private Ascii() {}

  /**
   * True when every byte of {@code b[from, to)} is ASCII: such bytes read the same in UTF-8 and ISO
   * 8859-1, the JDK's cheapest decode.
   */
  public static boolean isAscii(byte[] b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (b[i] < 0) {
        return false;
      }
    }
    return true;
  }
}
