package io.ward.capture.dissect.ftp;

import io.ward.capture.dissect.DissectorSession;
import io.ward.capture.dissect.FlowContext;
import io.ward.model.ObservationFields;
import java.util.Locale;

/**
 * One FTP control connection. Client lines are reduced to their command word at once, so user names
 * and passwords are never held; server replies are read for the greeting, SYST, login outcomes and
 * AUTH TLS.
 */
final class FtpSession implements DissectorSession {

  /** Lines read before the session stops; the interesting exchange is at the start. */
  static final int MAX_LINES = 2_000;

  private static final int MAX_BANNER_CHARS = 512;

  private final FlowContext flow;
  private final LineReader clientLines = new LineReader();
  private final LineReader serverLines = new LineReader();
  private final StringBuilder banner = new StringBuilder();
  private boolean bannerDone;
  private String lastCommand = "";
  private boolean loginSeen;
  private int failures;
  private int lines;
  private long lastNanos;
  private boolean done;
  private String continuing;

  FtpSession(FlowContext flow) {
    this.flow = flow;
  }

  @Override
  public boolean onData(boolean fromClient, long epochNanos, byte[] buf, int offset, int length) {
    if (done) {
      return false;
    }
    if (offset < 0 || length < 0 || offset > buf.length - length) {
      flow.anomaly("ftp.bad_call");
      return true;
    }
    lastNanos = epochNanos;
    (fromClient ? clientLines : serverLines)
        .feed(
            buf,
            offset,
            length,
            new LineReader.Listener() {
              @Override
              public void line(String line) {
                if (++lines > MAX_LINES) {
                  done = true;
                } else if (fromClient) {
                  onCommand(epochNanos, line);
                } else {
                  onReplyLine(epochNanos, line);
                }
              }

              @Override
              public void anomaly(String kind) {
                flow.anomaly(kind);
              }
            });
    return !done;
  }

  @Override
  public boolean onGap(boolean fromClient, long missingBytes) {
    (fromClient ? clientLines : serverLines).reset();
    return !done;
  }

  @Override
  public void onClose() {
    if (!bannerDone && banner.length() > 0) {
      emitBanner(lastNanos);
    }
    if (failures > 0) {
      flow.observe(false, lastNanos, FtpDissector.LOGIN_FAILURES, Integer.toString(failures));
    }
  }

  private void onCommand(long t, String line) {
    int space = line.indexOf(' ');
    // Only the command word is kept: the argument of USER and PASS is a credential.
    lastCommand = (space < 0 ? line : line.substring(0, space)).strip().toUpperCase(Locale.ROOT);
    if ((lastCommand.equals("USER") || lastCommand.equals("PASS")) && !loginSeen) {
      loginSeen = true;
      flow.observe(false, t, ObservationFields.FTP_LOGIN, "seen");
    }
  }

  private void onReplyLine(long t, String line) {
    if (continuing != null) {
      // Multi-line reply (RFC 959 section 4.2): ends at a line starting with the same code + space.
      boolean last = line.startsWith(continuing + " ");
      String text = last ? line.substring(4) : stripCode(line, continuing);
      if (continuing.equals("220") && !bannerDone) {
        appendBanner(text);
      }
      if (last) {
        onReply(t, continuing, "");
        continuing = null;
      }
      return;
    }
    if (line.length() < 3 || !isCode(line)) {
      flow.anomaly("ftp.bad_reply");
      return;
    }
    String code = line.substring(0, 3);
    boolean multi = line.length() > 3 && line.charAt(3) == '-';
    String text = line.length() > 4 ? line.substring(4) : "";
    if (code.equals("220") && !bannerDone) {
      appendBanner(text);
    }
    if (multi) {
      continuing = code;
    } else {
      onReply(t, code, text);
    }
  }

  private void onReply(long t, String code, String text) {
    if (code.equals("220") && !bannerDone) {
      emitBanner(t);
    } else if (code.equals("215") && lastCommand.equals("SYST") && !clean(text).isEmpty()) {
      flow.observe(false, t, FtpDissector.SYSTEM, clean(text));
    } else if (code.equals("530") && (lastCommand.equals("USER") || lastCommand.equals("PASS"))) {
      failures++;
    } else if (code.equals("234") && lastCommand.equals("AUTH")) {
      // RFC 4217: the TLS handshake starts right after 234; nothing more is readable.
      flow.markEncrypted();
      done = true;
    }
  }

  private void appendBanner(String text) {
    String c = clean(text);
    if (!c.isEmpty() && banner.length() < MAX_BANNER_CHARS) {
      if (banner.length() > 0) {
        banner.append('\n');
      }
      banner.append(c);
    }
  }

  private void emitBanner(long t) {
    bannerDone = true;
    if (banner.length() > 0) {
      flow.observe(false, t, ObservationFields.FTP_BANNER, banner.toString());
    }
  }

  private static String stripCode(String line, String code) {
    return line.startsWith(code + "-") ? line.substring(4) : line;
  }

  private static boolean isCode(String line) {
    return Character.isDigit(line.charAt(0))
        && Character.isDigit(line.charAt(1))
        && Character.isDigit(line.charAt(2))
        && (line.length() == 3 || line.charAt(3) == ' ' || line.charAt(3) == '-');
  }

  static String clean(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!Character.isISOControl(c)) {
        sb.append(c);
      }
    }
    return sb.toString().strip();
  }
}
