package io.ward.engine;

/** Ward's version, from the jar manifest when packaged. */
public final class Version {
  private Version() {}

  /** The implementation version, or {@code dev} when run from classes. */
  public static String current() {
    String v = Version.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }
}
