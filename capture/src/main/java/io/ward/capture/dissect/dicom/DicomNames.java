package io.ward.capture.dissect.dicom;

/** Names of DICOM codes as the standard writes them, for observation values. */
final class DicomNames {
  private DicomNames() {}

  /** DIMSE command name of a CommandField value (PS3.7 Table E.1-1), or its hex value. */
  static String command(int field) {
    String base =
        switch (field & 0x7FFF) {
          case 0x0001 -> "C-STORE";
          case 0x0010 -> "C-GET";
          case 0x0020 -> "C-FIND";
          case 0x0021 -> "C-MOVE";
          case 0x0030 -> "C-ECHO";
          case 0x0100 -> "N-EVENT-REPORT";
          case 0x0110 -> "N-GET";
          case 0x0120 -> "N-SET";
          case 0x0130 -> "N-ACTION";
          case 0x0140 -> "N-CREATE";
          case 0x0150 -> "N-DELETE";
          case 0x0FFF -> "C-CANCEL";
          default -> null;
        };
    if (base == null) {
      return String.format("0x%04X", field);
    }
    return base + ((field & 0x8000) != 0 ? "-RSP" : "-RQ");
  }

  /**
   * A-ASSOCIATE-RJ reason as {@code rejected-permanent:called-ae-title-not-recognized} (PS3.8 Table
   * 9-21: result 1 permanent, 2 transient; source 1 service user, 2 ACSE provider, 3 presentation
   * provider).
   */
  static String rejection(int result, int source, int reason) {
    String kind = result == 2 ? "rejected-transient" : "rejected-permanent";
    String why =
        switch (source) {
          case 1 ->
              switch (reason) {
                case 1 -> "no-reason-given";
                case 2 -> "application-context-name-not-supported";
                case 3 -> "calling-ae-title-not-recognized";
                case 7 -> "called-ae-title-not-recognized";
                default -> "service-user-reason-" + reason;
              };
          case 2 ->
              switch (reason) {
                case 1 -> "no-reason-given";
                case 2 -> "protocol-version-not-supported";
                default -> "acse-reason-" + reason;
              };
          case 3 ->
              switch (reason) {
                case 1 -> "temporary-congestion";
                case 2 -> "local-limit-exceeded";
                default -> "presentation-reason-" + reason;
              };
          default -> "source-" + source + "-reason-" + reason;
        };
    return kind + ":" + why;
  }

  /** User identity type of PS3.7 D.3.3.7.1 (the identity itself is never reported). */
  static String userIdentity(int type) {
    return switch (type) {
      case 1 -> "username";
      case 2 -> "username-and-passcode";
      case 3 -> "kerberos";
      case 4 -> "saml";
      case 5 -> "jwt";
      default -> "type-" + type;
    };
  }
}
