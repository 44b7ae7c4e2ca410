package io.ward.simulate;

import java.util.Arrays;

/**
 * A short exchange of frames (one DHCP handshake, one TCP connection…) built in full when it starts
 * and then emitted frame by frame at its capture times, interleaved with everything else. Building
 * is bounded (a conversation is at most a few hundred frames), so memory stays proportional to the
 * conversations in flight, not to the capture.
 */
final class Conversation extends Task {
  private long[] times = new long[16];
  private byte[][] frames = new byte[16][];
  private int[] sources = new int[16];
  private int[] destinations = new int[16];
  private int size;
  private int next;
  private long now;
  private final int attack;

  /** A conversation starting at {@code startMicros}; {@code attack} is -1 for benign traffic. */
  Conversation(long startMicros, int attack) {
    this.now = startMicros;
    this.attack = attack;
  }

  /** The builder clock: the capture time of the next frame added. */
  long now() {
    return now;
  }

  /** Moves the builder clock forward. */
  void advance(long micros) {
    if (micros > 0) {
      now += micros;
    }
  }

  int size() {
    return size;
  }

  /** The i-th frame built (before it is emitted). */
  byte[] frameAt(int i) {
    return frames[i];
  }

  /** Capture time of the i-th frame. */
  long timeAt(int i) {
    return times[i];
  }

  int attack() {
    return attack;
  }

  /** Appends a frame at the builder clock, sent by device {@code src} to {@code dst} (-1: none). */
  void add(byte[] frame, int src, int dst) {
    if (size == times.length) {
      int n = size * 2;
      times = Arrays.copyOf(times, n);
      frames = Arrays.copyOf(frames, n);
      sources = Arrays.copyOf(sources, n);
      destinations = Arrays.copyOf(destinations, n);
    }
    times[size] = now;
    frames[size] = frame;
    sources[size] = src;
    destinations[size] = dst;
    size++;
  }

  /** Schedules the first frame; does nothing for an empty conversation. */
  void start(Simulation sim) {
    if (size > 0) {
      sim.schedule(this, times[0]);
    }
  }

  @Override
  void run(Simulation sim) {
    int i = next++;
    sim.emit(times[i], frames[i], sources[i], destinations[i], attack);
    frames[i] = null;
    if (next < size) {
      sim.schedule(this, times[next]);
    }
  }
}
