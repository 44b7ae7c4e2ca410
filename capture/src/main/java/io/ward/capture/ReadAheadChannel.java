package io.ward.capture;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ReadableByteChannel;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.BooleanSupplier;

/**
 * Reads a stream on a thread of its own, a few chunks ahead of the channel's reader, so that
 * getting the bytes and analysing them run on two processors instead of taking turns on one: for a
 * gzip-compressed capture, decompressing (inflating the benchmark's capture, gzip -1, took about
 * 4.5 s of CPU, more than analysing it; bench/README.md, session 21); for an uncompressed file read
 * by one worker, the system call and the copies out of the page cache (about a twentieth of the
 * analysis's main thread; session 22).
 *
 * <p>The reader gets exactly the bytes the stream gives, in order, then the stream's end, or the
 * exception that ended it (the same instance, so that a damaged gzip stream is still told apart by
 * its type). At most {@link #CHUNKS} chunks of {@link #CHUNK_BYTES} are in flight and they are
 * reused, so nothing is allocated per read. {@link ChannelInput} takes the chunks themselves
 * ({@link #take}, {@link #release}) rather than copying them out with {@link #read}: each chunk
 * keeps {@link #HEADROOM} bytes free before its data, where the end of the previous chunk that a
 * packet record straddles is copied, so the record is contiguous. Not for several readers: one
 * thread reads the channel.
 */
final class ReadAheadChannel implements ReadableByteChannel {
  /**
   * As large as {@link ChannelInput}'s own buffer, as measured best for reading a file (256 KB and
   * 1 MB chunks measured alike for an uncompressed file, session 22).
   */
  static final int CHUNK_BYTES = ChannelInput.DEFAULT_CAPACITY;

  /** Enough for the reader to find one ready while the next is being filled. */
  static final int CHUNKS = 4;

  /**
   * Free bytes before each chunk's data: room for the part of a record the previous chunk ended in.
   * An Ethernet capture's records are at most a few kilobytes; a longer part is joined in an array
   * of {@link ChannelInput}'s own instead, made once and kept for the next.
   */
  static final int HEADROOM = 64 << 10;

  /** How long {@link #close} waits for the reading thread, which may be blocked on a pipe. */
  private static final long STOP_WAIT_MILLIS = 1_000;

  private final InputStream source;
  private final BlockingQueue<Chunk> filled = new ArrayBlockingQueue<>(CHUNKS);
  private final BlockingQueue<Chunk> empty = new ArrayBlockingQueue<>(CHUNKS);
  private final Thread thread;
  private volatile boolean open = true;

  /** Whether {@link #close} interrupts the reading thread, or only wakes it (see {@link #WAKE}). */
  private final boolean interruptOnClose;

  /** Whether an interrupt of the thread waiting in {@link #take} asks it to stop waiting. */
  private final BooleanSupplier stopRequested;

  /**
   * Put in {@link #empty} by a {@link #close} that does not interrupt, to wake a reading thread
   * waiting for an empty chunk; never filled.
   */
  private static final Chunk WAKE = new Chunk(0);

  /** The chunk being read, or null before the first read. */
  private Chunk current;

  /**
   * A buffer and what the stream put in it: {@code length} bytes from {@link #HEADROOM}, or its end
   * ({@code length < 0}).
   */
  static final class Chunk {
    final byte[] bytes;
    int length;

    /** Where {@link #read} goes on from. */
    int pos;

    /** Why the stream ended, when it did not simply end. */
    Throwable failure;

    Chunk() {
      this(HEADROOM + CHUNK_BYTES);
    }

    private Chunk(int size) {
      bytes = new byte[size];
    }
  }

  /**
   * Starts reading {@code source} on a daemon thread called {@code threadName}. Closing interrupts
   * that thread, which may be blocked on a pipe; an interrupt of the thread taking chunks ends its
   * wait.
   */
  ReadAheadChannel(InputStream source, String threadName) {
    this(source, threadName, true, () -> true);
  }

  /**
   * Starts reading {@code file}, a file other threads read through the same {@code FileChannel}
   * ({@link FileScanWorkers}), on a daemon thread called {@code threadName} that nothing ever
   * interrupts: an interrupt during a read closes that channel for every reader. Closing wakes the
   * thread instead, which a file's read does not keep waiting. The thread taking chunks stops
   * waiting on an interrupt only when {@code stopRequested} says so; any other interrupt is not a
   * request to stop (as {@link WorkerThreads} has it), and is cleared.
   */
  static ReadAheadChannel ofSharedFile(
      InputStream file, String threadName, BooleanSupplier stopRequested) {
    return new ReadAheadChannel(file, threadName, false, stopRequested);
  }

  private ReadAheadChannel(
      InputStream source,
      String threadName,
      boolean interruptOnClose,
      BooleanSupplier stopRequested) {
    this.source = source;
    this.interruptOnClose = interruptOnClose;
    this.stopRequested = stopRequested;
    for (int i = 0; i < CHUNKS; i++) {
      empty.add(new Chunk());
    }
    this.thread = new Thread(this::fill, threadName);
    thread.setDaemon(true);
    thread.start();
  }

  /**
   * The reading thread: fills empty chunks until the stream ends or the channel is closed. Only
   * {@link #close} stops it, and says so ({@code open} false) before it interrupts; an interrupt
   * from anywhere else is cleared and the thread goes on. A filled chunk is always handed over, the
   * end of the stream with its failure too, so that the reader never waits for a chunk that will
   * not come.
   */
  private void fill() {
    while (open) {
      Chunk c;
      try {
        c = empty.take();
      } catch (InterruptedException e) {
        continue; // closed, which the loop sees, or not a request to stop
      }
      if (c == WAKE) {
        continue; // closed, which the loop sees
      }
      c.pos = HEADROOM;
      try {
        c.length = source.read(c.bytes, HEADROOM, CHUNK_BYTES);
      } catch (Throwable e) {
        // Handed to the reader, after the bytes before it; an Error too, which would otherwise
        // end this thread unseen and leave the reader waiting.
        c.length = -1;
        c.failure = e;
      }
      filled.add(c); // cannot be full: the chunk came from the CHUNKS in flight
      if (c.length < 0) {
        return;
      }
    }
  }

  @Override
  public int read(ByteBuffer dst) throws IOException {
    if (!open) {
      throw new ClosedChannelException();
    }
    if (!dst.hasRemaining()) {
      return 0;
    }
    while (current == null || (current.length >= 0 && current.pos == HEADROOM + current.length)) {
      Chunk done = current;
      current = null; // before waiting: a read retried after an interrupt must not reuse it
      if (done != null) {
        release(done);
      }
      current = take();
    }
    if (current.length < 0) {
      rethrow(current.failure);
      return -1;
    }
    int n = Math.min(dst.remaining(), HEADROOM + current.length - current.pos);
    dst.put(current.bytes, current.pos, n);
    current.pos += n;
    return n;
  }

  /**
   * The next chunk, waiting for it: bytes, or the end of the stream ({@code length < 0}, with its
   * {@code failure} when it did not simply end; taking again after the end waits for ever). The
   * caller owns it until it {@linkplain #release releases} it.
   */
  Chunk take() throws IOException {
    if (!open) {
      throw new ClosedChannelException();
    }
    while (true) {
      try {
        return filled.take();
      } catch (InterruptedException e) {
        if (stopRequested.getAsBoolean()) {
          Thread.currentThread().interrupt();
          throw new InterruptedIOException("interrupted while waiting for the capture's bytes");
        }
        // Not a request to stop: cleared, and the wait goes on.
      }
    }
  }

  /** Gives a chunk from {@link #take} back to be filled again. */
  void release(Chunk c) {
    if (!open) {
      return; // closed by this same reader, which reads no more; WAKE may fill the queue
    }
    c.failure = null;
    assert scribble(c);
    empty.add(c); // cannot be full: the chunk came from the CHUNKS in flight
  }

  /**
   * Overwrites a released chunk, when assertions are on (the tests), so that a reader still reading
   * it gets wrong bytes every time rather than only when the reading thread happens to refill it.
   */
  private static boolean scribble(Chunk c) {
    java.util.Arrays.fill(c.bytes, (byte) 0xA5);
    return true;
  }

  /** Throws the failure that ended the stream, if there was one. */
  static void rethrow(Throwable failure) throws IOException {
    if (failure == null) {
      return;
    }
    if (failure instanceof IOException) {
      throw (IOException) failure;
    }
    if (failure instanceof RuntimeException) {
      throw (RuntimeException) failure;
    }
    if (failure instanceof Error) {
      throw (Error) failure;
    }
    throw new IOException("reading the capture failed", failure); // a checked one thrown sneakily
  }

  @Override
  public boolean isOpen() {
    return open;
  }

  /**
   * Stops the reading thread, waiting a moment for it (a thread blocked reading a pipe that stays
   * open may not answer the interrupt; it is a daemon and ends with the stream), then closes the
   * stream. An interrupt during a read of a {@code FileChannel} closes that channel: the source's
   * channel must not be shared with a reader that goes on after this one, unless this one reads a
   * shared file ({@link #ofSharedFile}), whose thread is woken without an interrupt.
   */
  @Override
  public void close() throws IOException {
    if (!open) {
      return;
    }
    open = false;
    if (interruptOnClose) {
      thread.interrupt();
    } else {
      empty.offer(WAKE); // refused only when chunks wait there: the thread is not waiting then
    }
    WorkerThreads.joinEach(STOP_WAIT_MILLIS, thread);
    filled.clear();
    source.close();
  }

  /** Whether the reading thread has ended (for tests). */
  boolean stopped() {
    return !thread.isAlive();
  }
}
