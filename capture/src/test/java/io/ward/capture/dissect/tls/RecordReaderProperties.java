package io.ward.capture.dissect.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * A direction's records are read in place when a piece holds them whole and copied when they are
 * cut: both ways must say the same. Streams of handshake, heartbeat, alert and encrypted records,
 * some with bad headers or over-long lengths, are fed whole, one byte at a time, and cut at random
 * places; every feeding must report the same messages and anomalies and stop at the same point.
 */
class RecordReaderProperties {

  @Property(tries = 2_000)
  void everyCuttingSaysWhatTheWholeStreamSays(
      @ForAll("streams") byte[] stream, @ForAll("cuts") List<Integer> cuts) {
    List<String> whole = feed(stream, List.of(stream.length));
    assertThat(feed(stream, cuts)).as(Arrays.toString(stream)).isEqualTo(whole);
    assertThat(feed(stream, ones(stream.length))).isEqualTo(whole);
  }

  /** The events of a reader fed {@code stream} in pieces of the given sizes (then the rest). */
  private static List<String> feed(byte[] stream, List<Integer> sizes) {
    List<String> events = new ArrayList<>();
    RecordReader reader = new RecordReader(new Recorder(events));
    int p = 0;
    boolean more = true;
    for (int i = 0; p < stream.length && more; i++) {
      int n = i < sizes.size() ? Math.min(sizes.get(i), stream.length - p) : stream.length - p;
      // Each piece in a larger buffer at an offset, as the reassembler hands them over.
      byte[] buf = new byte[n + 7];
      System.arraycopy(stream, p, buf, 3, n);
      more = reader.feed(buf, 3, n);
      p += n;
    }
    events.add("done=" + reader.done());
    return events;
  }

  private static List<Integer> ones(int n) {
    List<Integer> sizes = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      sizes.add(1);
    }
    return sizes;
  }

  @Provide
  Arbitrary<List<Integer>> cuts() {
    return Arbitraries.integers().between(1, 300).list().ofMaxSize(20);
  }

  @Provide
  Arbitrary<byte[]> streams() {
    Arbitrary<byte[]> tls =
        record().list().ofMinSize(1).ofMaxSize(6).map(RecordReaderProperties::concat);
    // A direction that starts SSLv2 reads SSLv2 records only, never in place.
    Arbitrary<byte[]> sslv2 =
        Combinators.combine(sslv2Record().list().ofMinSize(1).ofMaxSize(3), tls)
            .as((v2, rest) -> concat(List.of(concat(v2), rest)));
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(5, tls), net.jqwik.api.Tuple.of(1, sslv2));
  }

  /** An SSLv2 record: two-byte header with the high bit set, then a message of at least a byte. */
  private static Arbitrary<byte[]> sslv2Record() {
    return Arbitraries.bytes()
        .array(byte[].class)
        .ofMinSize(1)
        .ofMaxSize(60)
        .map(
            body -> {
              byte[] r = new byte[2 + body.length];
              r[0] = (byte) (0x80 | body.length >> 8);
              r[1] = (byte) body.length;
              System.arraycopy(body, 0, r, 2, body.length);
              return r;
            });
  }

  private static Arbitrary<byte[]> record() {
    Arbitrary<byte[]> handshakes =
        handshakeMessage().list().ofMinSize(1).ofMaxSize(3).map(RecordReaderProperties::concat);
    Arbitrary<byte[]> handshakeRecord = handshakes.map(body -> record(22, body));
    // A handshake message cut across two records: the second half goes in the next record.
    Arbitrary<byte[]> cutHandshake =
        Combinators.combine(handshakeMessage(), Arbitraries.integers().between(1, 60))
            .as(
                (m, at) -> {
                  int cut = Math.min(at, m.length - 1);
                  return concat(
                      List.of(
                          record(22, Arrays.copyOfRange(m, 0, cut)),
                          record(22, Arrays.copyOfRange(m, cut, m.length))));
                });
    Arbitrary<byte[]> heartbeat =
        Combinators.combine(
                Arbitraries.integers().between(0, 80), Arbitraries.integers().between(0, 40))
            .as(
                (Integer claimed, Integer carried) -> {
                  byte[] body = new byte[3 + carried + 16];
                  body[0] = 1;
                  body[1] = (byte) (claimed >> 8 & 0xFF);
                  body[2] = (byte) (claimed & 0xFF);
                  return record(24, body);
                });
    Arbitrary<byte[]> alert = Arbitraries.just(record(21, new byte[] {2, 40}));
    Arbitrary<byte[]> encrypted =
        Arbitraries.bytes().array(byte[].class).ofMaxSize(40).map(b -> record(23, b));
    Arbitrary<byte[]> badType = Arbitraries.just(new byte[] {17, 3, 3, 0, 1, 0});
    Arbitrary<byte[]> tooLong =
        Arbitraries.just(new byte[] {22, 3, 3, (byte) 0xFF, (byte) 0xFF, 1, 2, 3});
    // A handshake message claiming more than the handshake buffer may hold.
    Arbitrary<byte[]> tooLongMessage =
        Arbitraries.just(record(22, new byte[] {11, 0x01, 0x00, 0x00, 1, 2, 3}));
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(6, handshakeRecord),
        net.jqwik.api.Tuple.of(3, cutHandshake),
        net.jqwik.api.Tuple.of(2, heartbeat),
        net.jqwik.api.Tuple.of(1, alert),
        net.jqwik.api.Tuple.of(1, encrypted),
        net.jqwik.api.Tuple.of(1, badType),
        net.jqwik.api.Tuple.of(1, tooLong),
        net.jqwik.api.Tuple.of(1, tooLongMessage));
  }

  /** A handshake message: type, 24-bit length, body. */
  private static Arbitrary<byte[]> handshakeMessage() {
    return Combinators.combine(
            Arbitraries.of(1, 2, 11, 12, 14, 16),
            Arbitraries.bytes().array(byte[].class).ofMaxSize(120))
        .as(
            (type, body) -> {
              byte[] m = new byte[4 + body.length];
              m[0] = (byte) (int) type;
              m[1] = 0;
              m[2] = (byte) (body.length >> 8);
              m[3] = (byte) body.length;
              System.arraycopy(body, 0, m, 4, body.length);
              return m;
            });
  }

  private static byte[] record(int type, byte[] body) {
    byte[] r = new byte[5 + body.length];
    r[0] = (byte) type;
    r[1] = 3;
    r[2] = 3;
    r[3] = (byte) (body.length >> 8);
    r[4] = (byte) body.length;
    System.arraycopy(body, 0, r, 5, body.length);
    return r;
  }

  private static byte[] concat(List<byte[]> parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    parts.forEach(out::writeBytes);
    return out.toByteArray();
  }

  /** Writes each event down, with a copy of its bytes. */
  private record Recorder(List<String> events) implements RecordReader.Listener {
    @Override
    public void handshake(int type, byte[] buf, int offset, int length) {
      events.add(
          "handshake "
              + type
              + " "
              + Arrays.toString(Arrays.copyOfRange(buf, offset, offset + length)));
    }

    @Override
    public void sslv2(byte[] buf, int offset, int length) {
      events.add("sslv2 " + Arrays.toString(Arrays.copyOfRange(buf, offset, offset + length)));
    }

    @Override
    public void anomaly(String kind) {
      events.add("anomaly " + kind);
    }
  }
}
