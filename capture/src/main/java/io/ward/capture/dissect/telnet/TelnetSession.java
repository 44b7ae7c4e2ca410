package io.ward.capture.dissect.telnet;

import io.ward.capture.dissect.DissectorSession;
import io.ward.capture.dissect.FlowContext;
import io.ward.model.ObservationFields;
import java.util.Locale;
import java.util.Set;

/**
 * One Telnet connection. Server text is collected line by line until the first login prompt (or the
 * first thing the client types): those lines are the banner. The client's bytes are only tested for
 * being non-empty input after a prompt, never stored.
 */
final class TelnetSession implements DissectorSession {

  /** Words that, followed by a colon at the end of the server's line, make a login prompt. */
  static final Set<String> PROMPT_WORDS =
      Set.of("login", "username", "user", "password", "passcode", "passwd");

  /** Server bytes examined before the session gives up looking for a login. */
  static final int MAX_SERVER_BYTES = 64 * 1024;

  private static final int MAX_LINE_CHARS = 256;
  private static final int MAX_BANNER_CHARS = 512;

  private final FlowContext flow;
  private final TelnetDecoder serverDecoder = new TelnetDecoder();
  private final TelnetDecoder clientDecoder = new TelnetDecoder();
  private final StringBuilder line = new StringBuilder();
  private final StringBuilder banner = new StringBuilder();
  private boolean bannerDone;
  private boolean loginSeen;
  private boolean promptPending;
  private int serverBytes;
  private long lastNanos;

  TelnetSession(FlowContext flow) {
    this.flow = flow;
  }

  @Override
  public boolean onData(boolean fromClient, long epochNanos, byte[] buf, int offset, int length) {
    if (offset < 0 || length < 0 || offset > buf.length - length) {
      flow.anomaly("telnet.bad_call");
      return true;
    }
    lastNanos = epochNanos;
    if (fromClient) {
      clientDecoder.feed(buf, offset, length, new Sink(true, epochNanos));
    } else {
      serverBytes += length;
      serverDecoder.feed(buf, offset, length, new Sink(false, epochNanos));
    }
    return !(loginSeen && bannerDone) && serverBytes < MAX_SERVER_BYTES;
  }

  @Override
  public boolean onGap(boolean fromClient, long missingBytes) {
    (fromClient ? clientDecoder : serverDecoder).reset();
    return true;
  }

  @Override
  public void onClose() {
    finishBanner(lastNanos);
  }

  private final class Sink implements TelnetDecoder.Sink {
    private final boolean fromClient;
    private final long t;

    Sink(boolean fromClient, long t) {
      this.fromClient = fromClient;
      this.t = t;
    }

    @Override
    public void data(int b) {
      if (fromClient) {
        clientByte(t, b);
      } else {
        serverByte(t, b);
      }
    }

    @Override
    public void anomaly(String kind) {
      flow.anomaly(kind);
    }
  }

  private void serverByte(long t, int b) {
    if (b == '\n' || b == '\r') {
      if (!bannerDone) {
        appendBannerLine(line.toString());
      }
      line.setLength(0);
      promptPending = false;
      return;
    }
    if (b == 0 || line.length() >= MAX_LINE_CHARS) {
      return;
    }
    line.append(b >= 0x20 && b < 0x7F ? (char) b : ' ');
    // A prompt ends in a colon and maybe blanks: only then is the pattern worth running.
    if ((b == ':' || b == ' ') && isPrompt(line)) {
      promptPending = true;
      finishBanner(t);
    }
  }

  /**
   * True when the line ends with a prompt word, a colon and optional blanks ({@code login: },
   * {@code User Name:}, {@code Password:}). Linear in the line length.
   */
  static boolean isPrompt(CharSequence line) {
    int end = line.length();
    while (end > 0 && line.charAt(end - 1) == ' ') {
      end--;
    }
    if (end == 0 || line.charAt(end - 1) != ':') {
      return false;
    }
    int wordEnd = end - 1;
    while (wordEnd > 0 && line.charAt(wordEnd - 1) == ' ') {
      wordEnd--;
    }
    int wordStart = wordEnd;
    while (wordStart > 0 && Character.isLetter(line.charAt(wordStart - 1))) {
      wordStart--;
    }
    String word = line.subSequence(wordStart, wordEnd).toString().toLowerCase(Locale.ROOT);
    if (PROMPT_WORDS.contains(word)) {
      return true;
    }
    // "User Name:" as Cisco and many embedded devices write it.
    return word.equals("name")
        && line.subSequence(Math.max(0, wordStart - 5), wordStart)
            .toString()
            .toLowerCase(Locale.ROOT)
            .equals("user ");
  }

  private void clientByte(long t, int b) {
    if (!bannerDone && b != '\r' && b != '\n' && b != 0) {
      // The user typed before any prompt: what the server said so far was its banner.
      finishBanner(t);
    }
    if (promptPending && b != 0 && !loginSeen) {
      loginSeen = true;
      flow.observe(false, t, ObservationFields.TELNET_LOGIN, "seen");
    }
  }

  private void appendBannerLine(String text) {
    String c = text.strip();
    if (!c.isEmpty() && banner.length() < MAX_BANNER_CHARS) {
      if (banner.length() > 0) {
        banner.append('\n');
      }
      banner.append(c);
    }
  }

  private void finishBanner(long t) {
    if (bannerDone) {
      return;
    }
    bannerDone = true;
    if (banner.length() > 0) {
      flow.observe(false, t, ObservationFields.TELNET_BANNER, banner.toString());
    }
  }
}
