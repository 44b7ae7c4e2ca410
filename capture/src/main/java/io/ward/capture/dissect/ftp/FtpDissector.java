package io.ward.capture.dissect.ftp;

import io.ward.capture.dissect.Dissector;
import io.ward.capture.dissect.DissectorSession;
import io.ward.capture.dissect.FlowContext;
import io.ward.model.Transport;

/**
 * FTP control connections (RFC 959) on port 21. Emits the server's greeting banner and SYST answer,
 * that a cleartext login was attempted ({@code ftp.login=seen}, never the user or password) and how
 * many logins failed; marks the flow encrypted after AUTH TLS (RFC 4217).
 */
public final class FtpDissector implements Dissector {

  /** Failed logins (530 after USER or PASS) in the connection, emitted when it ends. */
  public static final String LOGIN_FAILURES = "ftp.loginFailures";

  /** Text of the 215 reply to SYST, e.g. {@code UNIX Type: L8}. */
  public static final String SYSTEM = "ftp.system";

  private static final int[] PORTS = {21};

  @Override
  public String protocol() {
    return "ftp";
  }

  @Override
  public Transport transport() {
    return Transport.TCP;
  }

  @Override
  public int[] wellKnownPorts() {
    return PORTS.clone();
  }

  @Override
  public boolean heuristic() {
    return false;
  }

  /** A server reply ({@code 220 }, {@code 220-}) or a client command word followed by a blank. */
  @Override
  public boolean probe(byte[] buf, int offset, int length, boolean fromClient) {
    if (offset < 0 || length < 4 || offset > buf.length - length) {
      return false;
    }
    if (!fromClient) {
      return isDigit(buf[offset])
          && isDigit(buf[offset + 1])
          && isDigit(buf[offset + 2])
          && (buf[offset + 3] == ' ' || buf[offset + 3] == '-');
    }
    int i = 0;
    while (i < length && i < 5 && Character.isLetter(buf[offset + i] & 0xFF)) {
      i++;
    }
    return i >= 3 && i < length && (buf[offset + i] == ' ' || buf[offset + i] == '\r');
  }

  @Override
  public DissectorSession open(FlowContext flow) {
    return new FtpSession(flow);
  }

  private static boolean isDigit(byte b) {
    return b >= '0' && b <= '9';
  }
}
