package io.ward.exposure.risk;

/** Thrown for a CVSS vector string that cannot be read. */
public final class CvssException extends IllegalArgumentException {

  /** An error naming the problem and the vector. */
  public CvssException(String message) {
    super(message);
  }
}
