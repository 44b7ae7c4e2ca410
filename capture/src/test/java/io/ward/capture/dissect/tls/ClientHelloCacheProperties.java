package io.ward.capture.dissect.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * The hello cache may only ever give what a full parse of the hello gives. Hellos are built from
 * small pools of offers, so that many share an offer with an earlier one (the cache lives on across
 * tries) and differ in the random, the session id and the server name, or in one extension, or are
 * cut short, broken or padded.
 */
class ClientHelloCacheProperties {

  @Property(tries = 3_000)
  void givesWhatTheFullParseGives(@ForAll("hellos") List<byte[]> hellos) {
    for (byte[] h : hellos) {
      Optional<ClientHelloCache.Hello> expected =
          HelloParser.clientHello(h, 1, h.length - 1)
              .map(p -> new ClientHelloCache.Hello(ClientHelloPrints.compute(p), p.sni()));
      assertThat(ClientHelloCache.read(h, 1, h.length - 1))
          .as(Arrays.toString(h))
          .isEqualTo(expected);
    }
  }

  @Test
  void readsTheServerNameOfARepeatedOfferFromItsOwnBytes() {
    ClientHelloCache.clear();
    byte[] one = hello(List.of(sni("pacs.hospital.example"), ALPN), 7);
    byte[] two = hello(List.of(sni("ehr.hospital.example"), ALPN), 9);
    assertThat(ClientHelloCache.read(one, 1, one.length - 1).orElseThrow().sni())
        .contains("pacs.hospital.example");
    ClientHelloCache.Hello repeat = ClientHelloCache.read(two, 1, two.length - 1).orElseThrow();
    assertThat(repeat.sni()).contains("ehr.hospital.example");
    assertThat(repeat.prints())
        .isSameAs(ClientHelloCache.read(one, 1, one.length - 1).orElseThrow().prints());
  }

  private static final byte[] ALPN =
      ext(16, u16(9, 2, 'h', '2', 8, 'h', 't', 't', 'p', '/', '1', '.', '1'));

  // Two bodies of each extension type, most of the same length, so that offers differ in one body.
  private static final byte[] ALPN_B =
      ext(16, u16(9, 2, 'h', '3', 8, 'h', 't', 't', 'p', '/', '1', '.', '0'));
  private static final byte[] GROUPS_A = ext(10, u16(0, 6, 0x0a, 0x0a, 0, 0x1d, 0, 0x17));
  private static final byte[] GROUPS_B = ext(10, u16(0, 6, 0, 0x1d, 0, 0x18, 0, 0x19));
  private static final byte[] SIGS_A = ext(13, u16(0, 4, 4, 3, 8, 4));
  private static final byte[] SIGS_B = ext(13, u16(0, 4, 4, 1, 5, 1));
  private static final byte[] VERSIONS = ext(43, new byte[] {4, 3, 4, 3, 3});
  private static final byte[] VERSIONS_CUT = ext(43, new byte[] {9, 3, 4});
  private static final byte[] VERSIONS_OLD = ext(43, new byte[] {4, 3, 3, 3, 2});
  private static final byte[] POINTS = ext(11, new byte[] {1, 0});
  private static final byte[] POINTS_B = ext(11, new byte[] {1, 1});

  @Provide
  Arbitrary<List<byte[]>> hellos() {
    Arbitrary<byte[]> serverName =
        Arbitraries.oneOf(
            Arbitraries.of("pacs.hospital.example", "ehr.hospital.example", "", "h\u0001st")
                .map(ClientHelloCacheProperties::sni),
            Arbitraries.of(
                ext(0, new byte[] {0, 5, 1, 0, 2, 'x', 'y'}), // no host_name entry
                ext(0, new byte[] {0, 9, 0, 0}))); // cut short
    Arbitrary<byte[]> other =
        Arbitraries.of(
            ALPN,
            ALPN_B,
            GROUPS_A,
            GROUPS_B,
            SIGS_A,
            SIGS_B,
            VERSIONS,
            VERSIONS_CUT,
            VERSIONS_OLD,
            POINTS,
            POINTS_B,
            ext(0xff01, new byte[] {0}),
            ext(0x1a1a, new byte[0]),
            ext(0xffff, new byte[0]), // the type no extensions block would be, were it a marker
            ext(51, new byte[] {0, 3, 1, 2, 3}), // key shares: bodies the parse does not read
            ext(51, new byte[] {0, 3, 9, 9, 9}));
    // A few stacks' extension lists, one extension sometimes swapped for another body or type.
    Arbitrary<List<byte[]>> stack =
        Arbitraries.of(
            List.of(ALPN, GROUPS_A, SIGS_A, VERSIONS),
            List.of(GROUPS_A, POINTS),
            List.of(VERSIONS, SIGS_A),
            List.<byte[]>of());
    Arbitrary<byte[]> extensionsOrNone =
        Combinators.combine(
                stack,
                serverName.optional(0.6),
                Arbitraries.integers().between(0, 3),
                other.optional(0.5))
            .as(
                (base, name, at, swap) -> {
                  List<byte[]> exts = new java.util.ArrayList<>(base);
                  if (swap.isPresent() && !exts.isEmpty()) {
                    exts.set(at % exts.size(), swap.get());
                  }
                  name.ifPresent(n -> exts.add(Math.min(at, exts.size()), n));
                  ByteArrayOutputStream all = new ByteArrayOutputStream();
                  exts.forEach(all::writeBytes);
                  return all.toByteArray();
                });
    Arbitrary<byte[]> one =
        Combinators.combine(
                extensionsOrNone,
                Arbitraries.integers().between(0, 40),
                Arbitraries.integers().between(0, 3),
                Arbitraries.integers().between(0, 100))
            .as(
                (exts, seed, damage, cut) -> {
                  byte[] h = hello(exts, seed);
                  return switch (damage) {
                    case 1 -> Arrays.copyOf(h, 1 + (h.length - 1) * cut / 100); // cut short
                    case 2 -> Arrays.copyOf(h, h.length + 1 + cut % 5); // bytes after
                    default -> h;
                  };
                });
    return one.list().ofMinSize(1).ofMaxSize(5);
  }

  private static byte[] hello(List<byte[]> extensions, int seed) {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    extensions.forEach(all::writeBytes);
    return hello(all.toByteArray(), seed);
  }

  /** A ClientHello body after one unrelated byte: version, random, session id, suites... */
  private static byte[] hello(byte[] extensions, int seed) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(0x7e);
    write(out, 3, 3);
    for (int i = 0; i < 32; i++) {
      out.write(seed * 31 + i); // random
    }
    out.write(seed % 3 == 0 ? 0 : 4); // session id
    for (int i = 0; i < (seed % 3 == 0 ? 0 : 4); i++) {
      out.write(seed);
    }
    byte[] suites =
        seed % 2 == 0 ? new byte[] {0x13, 1, 0x13, 2} : new byte[] {0x0a, 0x0a, 0, 0x2f};
    write(out, 0, suites.length);
    out.writeBytes(suites);
    write(out, 1, 0); // compression: null
    if (!(extensions.length == 0 && seed % 5 == 0)) {
      write(out, extensions.length >>> 8, extensions.length);
      out.writeBytes(extensions);
    }
    return out.toByteArray();
  }

  private static byte[] sni(String host) {
    byte[] name = host.getBytes(StandardCharsets.ISO_8859_1);
    byte[] entry = new byte[3 + name.length];
    entry[0] = 0;
    entry[1] = (byte) (name.length >>> 8);
    entry[2] = (byte) name.length;
    System.arraycopy(name, 0, entry, 3, name.length);
    return ext(0, prefixed(entry));
  }

  private static byte[] ext(int type, byte[] body) {
    byte[] e = new byte[4 + body.length];
    e[0] = (byte) (type >>> 8);
    e[1] = (byte) type;
    e[2] = (byte) (body.length >>> 8);
    e[3] = (byte) body.length;
    System.arraycopy(body, 0, e, 4, body.length);
    return e;
  }

  /** The values as bytes after a two-byte length. */
  private static byte[] u16(int... values) {
    byte[] b = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      b[i] = (byte) values[i];
    }
    return prefixed(b);
  }

  private static byte[] prefixed(byte[] b) {
    byte[] out = new byte[2 + b.length];
    out[0] = (byte) (b.length >>> 8);
    out[1] = (byte) b.length;
    System.arraycopy(b, 0, out, 2, b.length);
    return out;
  }

  private static void write(ByteArrayOutputStream out, int hi, int lo) {
    out.write(hi);
    out.write(lo);
  }
}
