package io.ward.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.ZipException;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * The window readers see: read from its channel, or from a {@link ReadAheadChannel}'s chunks in
 * place, the same bytes at the same offsets.
 */
class ChannelInputTest {

  /**
   * Readers ask for a record's header, then its body, then skip or advance: random requests of the
   * sizes records have (small ones, ones longer than the chunks' headroom, longer than a chunk) get
   * the same bytes and offsets from the chunks as from the channel, to the end.
   */
  @Property(tries = 40)
  void shouldGiveTheSameBytesAtTheSameOffsetsFromChunksAsFromTheChannel(
      @ForAll @IntRange(min = 0, max = 3_000_000) int size, @ForAll long seed) throws IOException {
    Random random = new Random(seed);
    byte[] data = new byte[size];
    random.nextBytes(data);
    ChannelInput plain =
        new ChannelInput(
            Channels.newChannel(new ByteArrayInputStream(data)), ChannelInput.DEFAULT_CAPACITY);
    try (ReadAheadChannel ahead =
        new ReadAheadChannel(new ReadAheadChannelTest.UnevenStream(data, seed), "test")) {
      ChannelInput chunked = new ChannelInput(ahead);
      while (true) {
        int want = requestSize(random);
        boolean more = plain.ensure(want);
        assertThat(chunked.ensure(want))
            .as("ensure(%d) at %d", want, plain.offset())
            .isEqualTo(more);
        assertThat(chunked.offset()).isEqualTo(plain.offset());
        assertThat(chunked.available()).isGreaterThanOrEqualTo(Math.min(want, plain.available()));
        int check = Math.min(want, plain.available());
        int at = (int) plain.offset();
        assertThat(
                Arrays.equals(
                    chunked.array(), chunked.pos(), chunked.pos() + check, data, at, at + check))
            .as("%d bytes at offset %d", check, at)
            .isTrue();
        if (!more && plain.available() == 0) {
          break;
        }
        if (random.nextInt(8) == 0) {
          long skip = random.nextInt(400_000);
          assertThat(chunked.skip(skip)).isEqualTo(plain.skip(skip));
        } else {
          int step = Math.min(check, 1 + random.nextInt(Math.max(1, check)));
          plain.advance(step);
          chunked.advance(step);
        }
      }
      assertThat(chunked.offset()).isEqualTo(size);
      assertThat(chunked.damage()).isNull();
    }
  }

  private static int requestSize(Random random) {
    switch (random.nextInt(10)) {
      case 0:
        return ReadAheadChannel.HEADROOM + random.nextInt(20_000); // joined, not in the headroom
      case 1:
        return ReadAheadChannel.CHUNK_BYTES + random.nextInt(300_000); // longer than a chunk
      default:
        return 1 + random.nextInt(2_000);
    }
  }

  /** The longest record a reader may ask for is joined from chunks in a bounded array. */
  @Test
  void shouldJoinTheLongestRecordInABoundedArray() throws IOException {
    byte[] data = new byte[ChannelInput.MAX_CAPACITY + 1_000];
    new Random(11).nextBytes(data);
    try (ReadAheadChannel ahead = new ReadAheadChannel(new ByteArrayInputStream(data), "test")) {
      ChannelInput in = new ChannelInput(ahead);
      assertThat(in.ensure(10)).isTrue();
      in.advance(7); // the record starts inside a chunk

      assertThat(in.ensure(ChannelInput.MAX_CAPACITY)).isTrue();
      assertThat(in.offset()).isEqualTo(7);
      assertThat(in.array().length).isLessThanOrEqualTo(ChannelInput.MAX_JOINED);
      assertThat(
              Arrays.equals(
                  in.array(),
                  in.pos(),
                  in.pos() + ChannelInput.MAX_CAPACITY,
                  data,
                  7,
                  7 + ChannelInput.MAX_CAPACITY))
          .isTrue();
    }
  }

  @Test
  void shouldReportDamagedCompressedDataAfterTheBytesBeforeIt() throws IOException {
    for (IOException failure :
        new IOException[] {new ZipException("invalid block type"), new EOFException("cut")}) {
      byte[] data = new byte[700_000];
      new Random(3).nextBytes(data);
      try (ReadAheadChannel ahead = new ReadAheadChannel(new ThenFailure(data, failure), "test")) {
        ChannelInput in = new ChannelInput(ahead);
        assertThat(in.ensure(data.length)).isTrue();
        assertThat(
                Arrays.equals(in.array(), in.pos(), in.pos() + data.length, data, 0, data.length))
            .isTrue();
        in.advance(data.length - 10);

        assertThat(in.ensure(11)).isFalse();
        assertThat(in.available()).isEqualTo(10);
        assertThat(in.offset()).isEqualTo(data.length - 10);
        assertThat(in.damage())
            .isEqualTo("compressed data is damaged or cut short (" + failure.getMessage() + ")");
        assertThat(in.ensure(11)).as("still at the end, without waiting").isFalse();
      }
    }
  }

  @Test
  void shouldPassOnAnyOtherFailureOfTheStream() throws IOException {
    IOException unreadable = new IOException("Input/output error");
    try (ReadAheadChannel ahead =
        new ReadAheadChannel(new ThenFailure(new byte[100], unreadable), "test")) {
      ChannelInput in = new ChannelInput(ahead);
      assertThat(in.ensure(100)).isTrue();
      in.advance(100);

      assertThatThrownBy(() -> in.ensure(1)).isSameAs(unreadable);
      assertThatThrownBy(() -> in.ensure(1)).as("again, not an end").isSameAs(unreadable);
    }
  }

  @Test
  void shouldContinueFromChunksAfterWhatItReadFromTheChannel() throws IOException {
    byte[] data = new byte[1_000_000];
    new Random(5).nextBytes(data);
    InputStream stream = new ByteArrayInputStream(data);
    ChannelInput in = new ChannelInput(Channels.newChannel(stream), 1_000);
    assertThat(in.ensure(600)).isTrue();
    in.advance(300);
    // The rest of the same stream, read ahead from where the channel's reads stopped.
    try (ReadAheadChannel ahead = new ReadAheadChannel(stream, "test")) {
      in.continueFrom(ahead);

      assertThat(in.ensure(data.length - 300)).isTrue();
      assertThat(in.offset()).isEqualTo(300);
      assertThat(
              Arrays.equals(
                  in.array(), in.pos(), in.pos() + data.length - 300, data, 300, data.length))
          .isTrue();
      in.advance(data.length - 300);
      assertThat(in.ensure(1)).isFalse();
      assertThat(in.damage()).isNull();
    }
  }

  /** The bytes, then the failure. */
  private static final class ThenFailure extends InputStream {
    private final ByteArrayInputStream bytes;
    private final IOException failure;

    ThenFailure(byte[] data, IOException failure) {
      this.bytes = new ByteArrayInputStream(data);
      this.failure = failure;
    }

    @Override
    public int read() {
      throw new UnsupportedOperationException();
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = bytes.read(b, off, len);
      if (n < 0) {
        throw failure;
      }
      return n;
    }
  }
}
