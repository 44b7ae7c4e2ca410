package io.ward.capture;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.util.zip.ZipException;

/**
 * A forward-only window over a channel, backed by one large reused heap array.
 *
 * <p>Why not a {@code DataInputStream} or a buffer per record: readers address packet bytes in
 * place ({@code array()} plus an offset), so the hot path allocates nothing per packet, and each
 * {@code read} pulls hundreds of kilobytes at once, so system calls (and the JDK's copy out of its
 * temporary direct buffer) are amortised over hundreds of packets. A heap array rather than a
 * direct or mapped buffer because the decoder indexes bytes directly, which the JIT compiles to
 * plain loads.
 *
 * <p>Over a {@link ReadAheadChannel} it reads that channel's chunks in place instead (see {@link
 * #ChannelInput(ReadAheadChannel)}), so that the thread reading packets copies nothing.
 */
final class ChannelInput {
  /**
   * 256 KB: the JDK reads a file into a temporary direct buffer of the request's size and copies it
   * into this array, so both stay in the core's L2 cache (2 MB on the machine measured) until the
   * decoder reads them. With 4 MB, each block went through memory three times; interleaved runs on
   * the benchmark's capture (median of 8): full analysis 2.67 -> 2.47 s, decode-only 0.99 -> 0.89
   * s, peak RSS 7 MB lower. 64 KB to 1 MB measured alike; a record larger than the buffer still
   * grows it.
   */
  static final int DEFAULT_CAPACITY = 256 << 10;

  static final int MAX_CAPACITY = 64 << 20;

  /** The most a record joined from {@link ReadAheadChannel}'s chunks holds (see {@link #join}). */
  static final int MAX_JOINED = MAX_CAPACITY + ReadAheadChannel.CHUNK_BYTES;

  private final ReadableByteChannel channel;
  private byte[] array;
  private ByteBuffer buffer;
  private int pos;
  private int limit;
  private long base;
  private boolean eof;
  private String damage;

  /**
   * When not null, where the bytes come from: {@link #array} is then {@link #chunk}'s, or {@link
   * #joined} while it holds a record longer than the chunks' headroom, or, until the first chunk is
   * taken, the array read from {@link #channel} before. {@link #channel} and {@link #buffer} are no
   * longer read.
   */
  private ReadAheadChannel ahead;

  /** The chunk {@link #array} belongs to (given back once read), or null. */
  private ReadAheadChannel.Chunk chunk;

  /** The array records longer than the headroom are joined in, kept for the next one. */
  private byte[] joined;

  /**
   * Why {@link #ahead}'s stream failed (not damage): thrown again by every later {@link #ensure}.
   */
  private Throwable failure;

  ChannelInput(ReadableByteChannel channel, int capacity) {
    this.channel = channel;
    this.array = new byte[capacity];
    this.buffer = ByteBuffer.wrap(array);
  }

  /** An input over the chunks of {@code ahead} (see {@link #continueFrom}). */
  ChannelInput(ReadAheadChannel ahead) {
    this(ahead, 0);
    continueFrom(ahead);
  }

  /**
   * Takes the bytes after those read so far from the chunks of {@code ahead}, which reads the rest
   * of this input's channel, and reads them where they are: the end of one chunk and the start of
   * the next are made contiguous by copying the end into the next's headroom.
   */
  void continueFrom(ReadAheadChannel ahead) {
    this.ahead = ahead;
  }

  /** The buffer holding the bytes at {@link #pos()}; may change after {@link #ensure}. */
  byte[] array() {
    return array;
  }

  int pos() {
    return pos;
  }

  int available() {
    return limit - pos;
  }

  /** Offset of {@link #pos()} in the stream. */
  long offset() {
    return base + pos;
  }

  void advance(int n) {
    pos += n;
  }

  /**
   * The reason the stream ended early when the decompressor found damage, else null (the channel
   * simply ended).
   */
  String damage() {
    return damage;
  }

  /** Makes {@code n} bytes available at {@link #pos()}; false when the stream ends first. */
  boolean ensure(int n) throws IOException {
    if (limit - pos >= n) {
      return true;
    }
    if (n > MAX_CAPACITY) {
      return false;
    }
    if (ahead != null) {
      return ensureFromChunks(n);
    }
    if (n > array.length) {
      int cap = array.length;
      while (cap < n) {
        cap <<= 1;
      }
      byte[] bigger = new byte[cap];
      System.arraycopy(array, pos, bigger, 0, limit - pos);
      array = bigger;
      buffer = ByteBuffer.wrap(array);
    } else if (pos > 0) {
      System.arraycopy(array, pos, array, 0, limit - pos);
    }
    base += pos;
    limit -= pos;
    pos = 0;
    while (limit < n && !eof) {
      fill();
    }
    return limit >= n;
  }

  private boolean ensureFromChunks(int n) throws IOException {
    ReadAheadChannel.rethrow(failure);
    while (limit - pos < n && !eof) {
      ReadAheadChannel.Chunk next = ahead.take();
      if (next.length < 0) {
        eof = true;
        if (next.failure instanceof ZipException || next.failure instanceof EOFException) {
          damage = damaged(next.failure);
        } else {
          failure = next.failure;
          ReadAheadChannel.rethrow(failure);
        }
        break;
      }
      int rest = limit - pos;
      int start = ReadAheadChannel.HEADROOM;
      if (rest <= start) {
        System.arraycopy(array, pos, next.bytes, start - rest, rest);
        releaseChunk();
        base += limit - start; // next.bytes[start] follows the bytes read so far
        chunk = next;
        array = next.bytes;
        pos = start - rest;
        limit = start + next.length;
      } else {
        join(next, rest, n);
      }
    }
    return limit - pos >= n;
  }

  /**
   * Joins the {@code rest} unread bytes and {@code next}'s, as {@code rest} does not fit in the
   * chunk's headroom, in {@link #joined}, and gives {@code next} back. {@code rest} is shorter than
   * the request {@code n}, and chunks are joined only until {@code n} bytes are there, so an array
   * of {@code n} bytes and a chunk holds all of them: it is made at most once per request (kept for
   * the next, as the channel's own buffer is), and each byte is copied once.
   */
  private void join(ReadAheadChannel.Chunk next, int rest, int n) {
    int size = rest + next.length;
    if (array == joined && array.length >= size) {
      if (pos > 0) {
        System.arraycopy(array, pos, array, 0, rest);
      }
    } else {
      if (joined == null || joined.length < size) {
        joined = new byte[Math.max(size, Math.min(n, MAX_CAPACITY) + ReadAheadChannel.CHUNK_BYTES)];
      }
      System.arraycopy(array, pos, joined, 0, rest); // from a chunk or a joined array too small
      releaseChunk();
      array = joined;
    }
    base += pos;
    pos = 0;
    System.arraycopy(next.bytes, ReadAheadChannel.HEADROOM, array, rest, next.length);
    limit = size;
    ahead.release(next); // refilled from now on: not read again
  }

  private void releaseChunk() {
    if (chunk != null) {
      ahead.release(chunk);
      chunk = null;
    }
  }

  private static String damaged(Throwable e) {
    return "compressed data is damaged or cut short (" + e.getMessage() + ")";
  }

  /** Skips {@code n} bytes; returns how many could be skipped before the end. */
  long skip(long n) throws IOException {
    long left = n;
    while (left > 0) {
      if (pos == limit && !ensure(1)) {
        break;
      }
      int step = (int) Math.min(left, limit - pos);
      pos += step;
      left -= step;
    }
    return n - left;
  }

  private void fill() throws IOException {
    buffer.limit(array.length).position(limit);
    int r;
    try {
      r = channel.read(buffer);
    } catch (ZipException | EOFException e) {
      // A damaged or cut gzip stream: what was decompressed so far is still analysed.
      damage = damaged(e);
      r = -1;
    }
    // A stream adapter may have stored bytes before it failed: the buffer position counts them.
    limit = buffer.position();
    if (r < 0) {
      eof = true;
    }
  }
}
