package io.ward.simulate;

import java.util.SplittableRandom;

/**
 * One TCP connection written into a {@link Conversation}: three-way handshake, data in both
 * directions segmented at the MSS with consistent sequence and acknowledgement numbers, delayed
 * ACKs, and an orderly FIN close (RFC 9293 section 3.5) or a reset.
 */
final class TcpFlow {
  private static final int MSS = 1460;
  private static final int WINDOW = 2053; // with window scale 8: about 512 KiB
  private static final byte[] SYN_OPTIONS = {
    2, 4, (byte) (MSS >>> 8), (byte) MSS, 1, 3, 3, 8, 1, 1, 4, 2
  }; // MSS, NOP, window scale 8, NOP, NOP, SACK permitted
  private static final byte[] NO_OPTIONS = {};
  private static final byte[] EMPTY = {};
  private static final long DELAYED_ACK_MICROS = 40_000;

  private final Conversation conv;
  private final Frames frames;
  private final Host client;
  private final Host server;
  private final int clientPort;
  private final int serverPort;
  private final SplittableRandom rnd;
  private final int latencyMicros;
  private long clientSeq;
  private long serverSeq;
  private int clientIpId;
  private int serverIpId;
  private boolean clientOwesAck;
  private boolean serverOwesAck;
  private boolean lastFromClient = true;
  private long packets;

  TcpFlow(
      Conversation conv,
      Frames frames,
      Host client,
      int clientPort,
      Host server,
      int serverPort,
      SplittableRandom rnd) {
    this.conv = conv;
    this.frames = frames;
    this.client = client;
    this.server = server;
    this.clientPort = clientPort;
    this.serverPort = serverPort;
    this.rnd = rnd;
    this.latencyMicros = latency(client, server, rnd);
    this.clientSeq = rnd.nextLong(1L << 32);
    this.serverSeq = rnd.nextLong(1L << 32);
    this.clientIpId = rnd.nextInt(1 << 16);
    this.serverIpId = rnd.nextInt(1 << 16);
  }

  /** Transit plus stack time between the two sides as seen at the switch, in microseconds. */
  static int latency(Host a, Host b, SplittableRandom rnd) {
    if (a.remote() || b.remote()) {
      return 8_000 + rnd.nextInt(30_000);
    }
    return a.zone() == b.zone() ? 90 + rnd.nextInt(200) : 250 + rnd.nextInt(500);
  }

  int latencyMicros() {
    return latencyMicros;
  }

  Host client() {
    return client;
  }

  Host server() {
    return server;
  }

  long packets() {
    return packets;
  }

  /** SYN, SYN-ACK, ACK. */
  TcpFlow open() {
    segment(true, Frames.TCP_SYN, SYN_OPTIONS, EMPTY, 0, 0, 64240);
    clientSeq++;
    segment(false, Frames.TCP_SYN | Frames.TCP_ACK, SYN_OPTIONS, EMPTY, 0, 0, 65535);
    serverSeq++;
    segment(true, Frames.TCP_ACK, NO_OPTIONS, EMPTY, 0, 0, WINDOW);
    return this;
  }

  /** A SYN answered by a RST: the port is closed. */
  void refused() {
    segment(true, Frames.TCP_SYN, SYN_OPTIONS, EMPTY, 0, 0, 64240);
    clientSeq++;
    segment(false, Frames.TCP_RST | Frames.TCP_ACK, NO_OPTIONS, EMPTY, 0, 0, 0);
  }

  /** The client sends {@code data} after thinking {@code thinkMicros}. */
  TcpFlow client(byte[] data, long thinkMicros) {
    send(true, data, thinkMicros);
    return this;
  }

  /** The server sends {@code data} after thinking {@code thinkMicros}. */
  TcpFlow server(byte[] data, long thinkMicros) {
    send(false, data, thinkMicros);
    return this;
  }

  private void send(boolean fromClient, byte[] data, long thinkMicros) {
    boolean peerOwes = fromClient ? serverOwesAck : clientOwesAck;
    if (peerOwes && lastFromClient == fromClient && thinkMicros > DELAYED_ACK_MICROS) {
      // The peer's delayed-ACK timer fires before this side speaks again (RFC 9293 3.8.6.3).
      long ackAfter = rnd.nextLong(200, DELAYED_ACK_MICROS);
      conv.advance(ackAfter);
      segment(!fromClient, Frames.TCP_ACK, NO_OPTIONS, EMPTY, 0, 0, WINDOW);
      clearOwed(!fromClient);
      thinkMicros -= ackAfter;
    }
    conv.advance(thinkMicros);
    int off = 0;
    int inBurst = 0;
    while (off < data.length) {
      int n = Math.min(MSS, data.length - off);
      boolean last = off + n == data.length;
      int flags = Frames.TCP_ACK | (last ? Frames.TCP_PSH : 0);
      segment(fromClient, flags, NO_OPTIONS, data, off, n, WINDOW);
      advanceSeq(fromClient, n);
      clearOwed(fromClient);
      off += n;
      if (++inBurst == 2 && !last) {
        // Receivers acknowledge every second full segment (RFC 9293 section 3.8.6.3).
        segment(!fromClient, Frames.TCP_ACK, NO_OPTIONS, EMPTY, 0, 0, WINDOW);
        inBurst = 0;
      }
    }
    if (fromClient) {
      serverOwesAck = true;
    } else {
      clientOwesAck = true;
    }
  }

  /** Orderly close started by the client (true) or the server. */
  void close(boolean byClient) {
    conv.advance(rnd.nextInt(50, 3_000));
    segment(byClient, Frames.TCP_FIN | Frames.TCP_ACK, NO_OPTIONS, EMPTY, 0, 0, WINDOW);
    advanceSeq(byClient, 1);
    clearOwed(byClient);
    segment(!byClient, Frames.TCP_FIN | Frames.TCP_ACK, NO_OPTIONS, EMPTY, 0, 0, WINDOW);
    advanceSeq(!byClient, 1);
    clearOwed(!byClient);
    segment(byClient, Frames.TCP_ACK, NO_OPTIONS, EMPTY, 0, 0, WINDOW);
  }

  /** Abortive close: one side sends RST. */
  void reset(boolean byClient) {
    segment(byClient, Frames.TCP_RST | Frames.TCP_ACK, NO_OPTIONS, EMPTY, 0, 0, 0);
  }

  private void advanceSeq(boolean fromClient, int n) {
    if (fromClient) {
      clientSeq = (clientSeq + n) & 0xFFFF_FFFFL;
    } else {
      serverSeq = (serverSeq + n) & 0xFFFF_FFFFL;
    }
  }

  private void clearOwed(boolean side) {
    if (side) {
      clientOwesAck = false;
    } else {
      serverOwesAck = false;
    }
  }

  private void segment(
      boolean fromClient, int flags, byte[] options, byte[] data, int off, int len, int window) {
    if (packets > 0) {
      conv.advance(lastFromClient == fromClient ? 8 + rnd.nextInt(12) : latencyMicros);
    }
    lastFromClient = fromClient;
    byte[] f;
    if (fromClient) {
      f =
          frames.tcp(
              client,
              server,
              clientPort,
              serverPort,
              clientIpId,
              clientSeq,
              serverSeq,
              flags,
              window,
              options,
              data,
              off,
              len);
      clientIpId = (clientIpId + 1) & 0xFFFF;
      conv.add(f, client.device(), server.device());
    } else {
      f =
          frames.tcp(
              server,
              client,
              serverPort,
              clientPort,
              serverIpId,
              serverSeq,
              clientSeq,
              flags,
              window,
              options,
              data,
              off,
              len);
      serverIpId = (serverIpId + 1) & 0xFFFF;
      conv.add(f, server.device(), client.device());
    }
    packets++;
  }
}
