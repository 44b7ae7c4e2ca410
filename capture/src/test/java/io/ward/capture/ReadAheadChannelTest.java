package io.ward.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.ZipException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A stream read on a thread of its own, ahead of the channel's reader. */
class ReadAheadChannelTest {

  @Test
  void shouldGiveTheStreamsBytesInOrderWhateverTheReadSizes() throws IOException {
    Random random = new Random(21);
    for (int size : new int[] {0, 1, 4095, ReadAheadChannel.CHUNK_BYTES, 3_000_001}) {
      byte[] data = new byte[size];
      random.nextBytes(data);
      // A source that hands out short, uneven reads, as an inflater does.
      InputStream source = new UnevenStream(data, random.nextLong());
      ByteArrayOutputStream got = new ByteArrayOutputStream();
      try (ReadAheadChannel ahead = new ReadAheadChannel(source, "test-ahead")) {
        ByteBuffer dst = ByteBuffer.allocate(700_000);
        int n;
        do {
          dst.clear().limit(1 + random.nextInt(dst.capacity()));
          n = ahead.read(dst);
          got.write(dst.array(), 0, dst.position());
        } while (n >= 0);
        assertThat(ahead.read(ByteBuffer.allocate(10))).as("still at the end").isEqualTo(-1);
      }
      assertThat(got.toByteArray()).as("size %d", size).isEqualTo(data);
    }
  }

  @Test
  void shouldEndWithTheStreamsOwnExceptionAfterTheBytesBeforeIt() throws IOException {
    byte[] data = new byte[600_000];
    new Random(7).nextBytes(data);
    ZipException damage = new ZipException("invalid stored block lengths");
    InputStream source = new SequenceThenFailure(data, damage);

    try (ReadAheadChannel ahead = new ReadAheadChannel(source, "test-ahead")) {
      ByteBuffer dst = ByteBuffer.allocate(data.length + 100);
      IOException thrown = null;
      try {
        while (ahead.read(dst) >= 0) {
          // keep reading
        }
      } catch (IOException e) {
        thrown = e;
      }
      assertThat(thrown).isSameAs(damage);
      assertThat(Arrays.copyOf(dst.array(), dst.position())).isEqualTo(data);
      assertThatThrownBy(() -> ahead.read(ByteBuffer.allocate(1))).isSameAs(damage);
    }
  }

  @Test
  void shouldHandOverAnUncheckedFailureOfTheStream() throws IOException {
    IllegalStateException bug = new IllegalStateException("inflater closed");
    InputStream source = new SequenceThenFailure(new byte[10], bug);
    try (ReadAheadChannel ahead = new ReadAheadChannel(source, "test-ahead")) {
      ByteBuffer dst = ByteBuffer.allocate(100);
      assertThat(ahead.read(dst)).isEqualTo(10);
      assertThatThrownBy(() -> ahead.read(dst)).isSameAs(bug);
    }
  }

  @Test
  void shouldStopReadingAndCloseTheStreamWhenClosedEarly() throws Exception {
    AtomicLong produced = new AtomicLong();
    AtomicBoolean closed = new AtomicBoolean();
    InputStream endless =
        new InputStream() {
          @Override
          public int read() {
            throw new UnsupportedOperationException();
          }

          @Override
          public int read(byte[] b, int off, int len) {
            produced.addAndGet(len);
            return len;
          }

          @Override
          public void close() {
            closed.set(true);
          }
        };
    ReadAheadChannel ahead = new ReadAheadChannel(endless, "test-ahead");
    assertThat(ahead.read(ByteBuffer.allocate(1000))).isEqualTo(1000);

    ahead.close();

    awaitStopped(ahead);
    assertThat(closed).isTrue();
    assertThat(ahead.isOpen()).isFalse();
    // It read ahead by a bounded number of chunks, not on and on.
    assertThat(produced.get())
        .isLessThanOrEqualTo((ReadAheadChannel.CHUNKS + 2L) * ReadAheadChannel.CHUNK_BYTES);
    assertThatThrownBy(() -> ahead.read(ByteBuffer.allocate(1)))
        .isInstanceOf(ClosedChannelException.class);
  }

  @Test
  @Timeout(30)
  void shouldAnswerAnInterruptOfTheReaderWhileItWaits() throws Exception {
    CountDownLatch never = new CountDownLatch(1);
    InputStream silent =
        new InputStream() {
          @Override
          public int read() {
            throw new UnsupportedOperationException();
          }

          @Override
          public int read(byte[] b, int off, int len) throws IOException {
            try {
              never.await();
            } catch (InterruptedException e) {
              throw new InterruptedIOException("stopped");
            }
            return -1;
          }
        };
    ReadAheadChannel ahead = new ReadAheadChannel(silent, "test-ahead");
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    AtomicBoolean stillInterrupted = new AtomicBoolean();
    Thread reader =
        new Thread(
            () -> {
              try {
                ahead.read(ByteBuffer.allocate(10));
              } catch (Throwable t) {
                thrown.set(t);
                stillInterrupted.set(Thread.currentThread().isInterrupted());
              }
            });
    reader.start();
    while (reader.isAlive() && reader.getState() != Thread.State.WAITING) {
      Thread.onSpinWait();
    }
    reader.interrupt();
    reader.join();

    assertThat(thrown.get()).isInstanceOf(InterruptedIOException.class);
    assertThat(stillInterrupted).isTrue();
    ahead.close();
    awaitStopped(ahead);
  }

  /** Waits for the reading thread to end; close() waits only a moment, a loaded machine more. */
  @Test
  @Timeout(60)
  void shouldLeaveASharedFileOpenWhenClosedWhileItsThreadStillReads(@TempDir Path tmp)
      throws Exception {
    // A worker's reader may stop before the end (a record cut short) while its thread still
    // reads ahead: an interrupt then, during a read of the file's one FileChannel, closed it for
    // the other workers still reading.
    byte[] data = new byte[(ReadAheadChannel.CHUNKS + 12) * ReadAheadChannel.CHUNK_BYTES];
    new Random(3).nextBytes(data);
    Path file = java.nio.file.Files.write(tmp.resolve("shared.pcap"), data);
    try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(file)) {
      FileSlice shared = new FileSlice(channel, data.length);
      for (int round = 0; round < 200; round++) {
        ReadAheadChannel ahead =
            ReadAheadChannel.ofSharedFile(
                java.nio.channels.Channels.newInputStream(shared.again()),
                "test-ahead",
                () -> true);
        ahead.release(ahead.take()); // the thread reads on, into the chunks given back
        ahead.close();
        assertThat(channel.isOpen()).as("the shared file, round %d", round).isTrue();
        awaitStopped(ahead);
      }
      assertThat(readAll(shared.again())).isEqualTo(data);
    }
  }

  @Test
  @Timeout(60)
  void shouldWaitOnThroughAnInterruptOfASharedFilesReaderThatIsNoRequestToStop(@TempDir Path tmp)
      throws Exception {
    byte[] data = new byte[3 * ReadAheadChannel.CHUNK_BYTES + 17];
    new Random(4).nextBytes(data);
    Path file = java.nio.file.Files.write(tmp.resolve("shared.pcap"), data);
    AtomicBoolean stop = new AtomicBoolean();
    try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(file);
        ReadAheadChannel ahead =
            ReadAheadChannel.ofSharedFile(
                java.nio.channels.Channels.newInputStream(new FileSlice(channel, data.length)),
                "test-ahead",
                stop::get)) {
      ByteArrayOutputStream got = new ByteArrayOutputStream();
      ByteBuffer dst = ByteBuffer.allocate(100_000);
      while (true) {
        Thread.currentThread().interrupt(); // a stray one, before every wait
        if (ahead.read(dst.clear()) < 0) {
          break;
        }
        got.write(dst.array(), 0, dst.position());
      }
      assertThat(got.toByteArray()).isEqualTo(data);

      stop.set(true);
      Thread.currentThread().interrupt();
      assertThatThrownBy(() -> ahead.take())
          .as("a request to stop ends the wait")
          .isInstanceOf(InterruptedIOException.class);
      assertThat(Thread.interrupted()).as("and keeps the interrupt").isTrue();
    }
  }

  private static byte[] readAll(FileSlice in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteBuffer b = ByteBuffer.allocate(1 << 16);
    while (in.read(b.clear()) >= 0) {
      out.write(b.array(), 0, b.position());
    }
    return out.toByteArray();
  }

  static void awaitStopped(ReadAheadChannel ahead) throws InterruptedException {
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
    while (!ahead.stopped() && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(ahead.stopped()).as("reading thread ended").isTrue();
  }

  /** The bytes, in reads of a size chosen at random up to 100 KB, as an inflater gives them. */
  @Test
  @Timeout(60)
  void shouldEndWithTheStreamsInterruptionEvenWhenItLeavesTheThreadInterrupted() throws Exception {
    // A stream that fails with its thread's interrupt set, as an interruptible channel's stream
    // does: the end is still handed over (before, the reading thread ended on the interrupt while
    // handing it over, and the reader waited for ever).
    byte[] data = new byte[300_000];
    new Random(5).nextBytes(data);
    InterruptedIOException stopped = new InterruptedIOException("read interrupted");
    InputStream source =
        new SequenceThenFailure(data, stopped) {
          @Override
          public synchronized int read(byte[] b, int off, int len) {
            if (available() == 0) {
              Thread.currentThread().interrupt();
            }
            return super.read(b, off, len);
          }
        };
    try (ReadAheadChannel ahead = new ReadAheadChannel(source, "test-ahead")) {
      ByteBuffer dst = ByteBuffer.allocate(data.length + 100);
      assertThatThrownBy(
              () -> {
                while (ahead.read(dst) >= 0) {
                  // keep reading
                }
              })
          .isSameAs(stopped);
      assertThat(Arrays.copyOf(dst.array(), dst.position())).isEqualTo(data);
    }
  }

  @Test
  @Timeout(60)
  void shouldReadOnWhenTheStreamInterruptsItsThreadWithoutFailing() throws Exception {
    // Only close() stops the reading thread; a stray interrupt loses no bytes.
    byte[] data = new byte[5 * ReadAheadChannel.CHUNK_BYTES + 123];
    new Random(6).nextBytes(data);
    InputStream source =
        new UnevenStream(data, 8) {
          @Override
          public synchronized int read(byte[] b, int off, int len) {
            Thread.currentThread().interrupt();
            return super.read(b, off, len);
          }
        };
    try (ReadAheadChannel ahead = new ReadAheadChannel(source, "test-ahead")) {
      ByteBuffer dst = ByteBuffer.allocate(data.length + 100);
      while (ahead.read(dst) >= 0) {
        // keep reading
      }
      assertThat(Arrays.copyOf(dst.array(), dst.position())).isEqualTo(data);
    }
  }

  @Test
  @Timeout(60)
  void shouldEndWithAnIoExceptionForACheckedFailureThrownSneakily() throws IOException {
    Exception checked = new Exception("not an IOException");
    InputStream source = new SequenceThenFailure(new byte[10], checked);
    try (ReadAheadChannel ahead = new ReadAheadChannel(source, "test-ahead")) {
      ByteBuffer dst = ByteBuffer.allocate(100);
      assertThat(ahead.read(dst)).isEqualTo(10);
      assertThatThrownBy(() -> ahead.read(dst)).isInstanceOf(IOException.class).hasCause(checked);
    }
  }

  static class UnevenStream extends ByteArrayInputStream {
    private final Random random;

    UnevenStream(byte[] data, long seed) {
      super(data);
      this.random = new Random(seed);
    }

    @Override
    public synchronized int read(byte[] b, int off, int len) {
      return super.read(b, off, Math.min(len, 1 + random.nextInt(100_000)));
    }
  }

  /** The bytes, then the failure. */
  private static class SequenceThenFailure extends ByteArrayInputStream {
    private final Throwable failure;

    SequenceThenFailure(byte[] data, Throwable failure) {
      super(data);
      this.failure = failure;
    }

    @Override
    public synchronized int read(byte[] b, int off, int len) {
      int n = super.read(b, off, len);
      if (n < 0) {
        if (failure instanceof RuntimeException) {
          throw (RuntimeException) failure;
        }
        sneakyThrow(failure);
      }
      return n;
    }

    @SuppressWarnings("unchecked")
    private static <T extends Throwable> void sneakyThrow(Throwable t) throws T {
      throw (T) t;
    }
  }
}
