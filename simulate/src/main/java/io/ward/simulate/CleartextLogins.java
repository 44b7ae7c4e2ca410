package io.ward.simulate;

/**
 * Telnet (RFC 854, option negotiation RFC 855) and FTP (RFC 959) login dialogues with fake
 * credentials, as management tools and attackers drive them.
 */
final class CleartextLogins {
  private CleartextLogins() {}

  private static final int IAC = 255;
  private static final int WILL = 251;
  private static final int WONT = 252;
  private static final int DO = 253;
  private static final int ECHO = 1;
  private static final int SUPPRESS_GO_AHEAD = 3;
  private static final int TERMINAL_TYPE = 24;
  private static final int WINDOW_SIZE = 31;

  /** The server's opening option negotiation. */
  static byte[] telnetServerOptions() {
    return new Bytes(12)
        .u8(IAC)
        .u8(DO)
        .u8(TERMINAL_TYPE)
        .u8(IAC)
        .u8(DO)
        .u8(WINDOW_SIZE)
        .u8(IAC)
        .u8(WILL)
        .u8(ECHO)
        .u8(IAC)
        .u8(WILL)
        .u8(SUPPRESS_GO_AHEAD)
        .toArray();
  }

  /** The client's answer: no terminal type or window size, but echo and no go-ahead. */
  static byte[] telnetClientOptions() {
    return new Bytes(12)
        .u8(IAC)
        .u8(WONT)
        .u8(TERMINAL_TYPE)
        .u8(IAC)
        .u8(WONT)
        .u8(WINDOW_SIZE)
        .u8(IAC)
        .u8(DO)
        .u8(ECHO)
        .u8(IAC)
        .u8(DO)
        .u8(SUPPRESS_GO_AHEAD)
        .toArray();
  }

  /** A banner followed by the login prompt the product uses. */
  static byte[] telnetBanner(String banner) {
    String prompt =
        banner.endsWith(": ") ? "" : (banner.contains("User Access") ? "Username: " : "login: ");
    return Bytes.text(banner + prompt);
  }

  static byte[] line(String text) {
    return Bytes.text(text + "\r\n");
  }

  static byte[] ftpReply(int code, String text) {
    return Bytes.text(code + " " + text + "\r\n");
  }
}
