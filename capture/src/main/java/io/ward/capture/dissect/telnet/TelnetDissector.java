package io.ward.capture.dissect.telnet;

import io.ward.capture.dissect.Dissector;
import io.ward.capture.dissect.DissectorSession;
import io.ward.capture.dissect.FlowContext;
import io.ward.model.Transport;

/**
 * Telnet (RFC 854) on port 23: the server's pre-login banner with option negotiation removed, and
 * {@code telnet.login=seen} when a login or password prompt was answered by the client in clear.
 * What the client types is never kept.
 */
public final class TelnetDissector implements Dissector {

  private static final int[] PORTS = {23};

  @Override
  public String protocol() {
    return "telnet";
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

  /** Option negotiation (IAC WILL/WONT/DO/DONT/SB) or mostly printable text. */
  @Override
  public boolean probe(byte[] buf, int offset, int length, boolean fromClient) {
    if (offset < 0 || length < 1 || offset > buf.length - length) {
      return false;
    }
    int first = buf[offset] & 0xFF;
    if (first == TelnetDecoder.IAC) {
      if (length < 2) {
        return false;
      }
      int cmd = buf[offset + 1] & 0xFF;
      return cmd == TelnetDecoder.SB || (cmd >= TelnetDecoder.WILL && cmd <= TelnetDecoder.DONT);
    }
    int n = Math.min(length, 64);
    int printable = 0;
    for (int i = offset; i < offset + n; i++) {
      int c = buf[i] & 0xFF;
      if ((c >= 0x20 && c < 0x7F) || c == '\r' || c == '\n' || c == '\t') {
        printable++;
      }
    }
    return printable * 10 >= n * 9;
  }

  @Override
  public DissectorSession open(FlowContext flow) {
    return new TelnetSession(flow);
  }
}
