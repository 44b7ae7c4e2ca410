package io.ward.capture.dissect.http;

import io.ward.capture.dissect.Dissector;
import io.ward.capture.dissect.DissectorSession;
import io.ward.capture.dissect.FlowContext;
import io.ward.model.Transport;
import java.nio.charset.StandardCharsets;

/**
 * HTTP/1.x on the usual ports and, by its request line, on any port: Host and User-Agent of
 * requests, Server of responses, and the authentication scheme (never the credentials) of
 * Authorization and WWW-Authenticate. Bodies are skipped.
 */
public final class HttpDissector implements Dissector {

  @Override
  public String protocol() {
    return "http";
  }

  @Override
  public Transport transport() {
    return Transport.TCP;
  }

  /** HTTP 80, alternates 8080/8000/8008/8081/8888, proxies 3128, WinRM 5985. */
  @Override
  public int[] wellKnownPorts() {
    return new int[] {80, 8080, 8000, 8008, 8081, 8888, 3128, 5985};
  }

  @Override
  public boolean heuristic() {
    return true;
  }

  /**
   * A request line's method, a space and the start of a target ('/', '*', or an absolute URI), or
   * (a one-sided capture) a status line.
   */
  @Override
  public boolean probe(byte[] buf, int offset, int length, boolean fromClient) {
    if (length < 8 || offset < 0 || offset + length > buf.length) {
      return false;
    }
    if (startsWith(buf, offset, length, "HTTP/1.")) {
      return length >= 12 && buf[offset + 8] == ' ' && Character.isDigit(buf[offset + 9]);
    }
    int space = -1;
    for (int i = 0; i < Math.min(length, 12); i++) {
      if (buf[offset + i] == ' ') {
        space = i;
        break;
      }
    }
    if (space <= 0 || space + 1 >= length) {
      return false;
    }
    String method = new String(buf, offset, space, StandardCharsets.US_ASCII);
    byte next = buf[offset + space + 1];
    return HttpHeadParser.METHODS.contains(method)
        && !method.equals("NOTIFY")
        && !method.equals("M-SEARCH")
        && (next == '/' || next == '*' || next == 'h' || Character.isLetterOrDigit(next));
  }

  private static boolean startsWith(byte[] buf, int offset, int length, String prefix) {
    if (length < prefix.length()) {
      return false;
    }
    for (int i = 0; i < prefix.length(); i++) {
      if (buf[offset + i] != prefix.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  @Override
  public DissectorSession open(FlowContext flow) {
    return new HttpSession(flow);
  }
}
