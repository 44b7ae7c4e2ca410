package io.ward.capture.dissect.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class HelloParserTest {

  private static byte[] clientHello() {
    return TlsBytes.clientHelloBody(
        0x0303,
        new int[] {0x1a1a, 0x1301, 0xc02f},
        TlsBytes.extension(0, TlsBytes.sni("pacs.example")),
        TlsBytes.extension(10, TlsBytes.u16List(2, 0x001d, 0x0017)),
        TlsBytes.extension(11, new byte[] {1, 0}),
        TlsBytes.extension(13, TlsBytes.u16List(2, 0x0403)),
        TlsBytes.extension(16, TlsBytes.alpn("h2")),
        TlsBytes.extension(43, TlsBytes.u16List(1, 0x2a2a, 0x0304, 0x0303)));
  }

  @Test
  void shouldReadClientHelloFields() {
    byte[] body = clientHello();

    ClientHello h = HelloParser.clientHello(body, 0, body.length).orElseThrow();

    assertThat(h.legacyVersion()).isEqualTo(0x0303);
    assertThat(h.ciphers()).containsExactly(0x1a1a, 0x1301, 0xc02f);
    assertThat(h.extensions()).containsExactly(0, 10, 11, 13, 16, 43);
    assertThat(h.sni()).contains("pacs.example");
    assertThat(h.groups()).containsExactly(0x001d, 0x0017);
    assertThat(h.pointFormats()).containsExactly(0);
    assertThat(h.signatureAlgorithms()).containsExactly(0x0403);
    assertThat(h.alpn()).containsExactly("h2");
    assertThat(h.highestVersion()).isEqualTo(0x0304);
  }

  @Test
  void shouldRejectEveryTruncationOfClientHelloWithoutThrowing() {
    byte[] body = clientHello();
    for (int n = 0; n < 43; n++) {
      assertThat(HelloParser.clientHello(body, 0, n)).as("cut at %d", n).isEmpty();
    }
    for (int n = 43; n < body.length; n++) {
      HelloParser.clientHello(Arrays.copyOf(body, n), 0, n);
    }
  }

  @Test
  void shouldKeepOtherExtensionsWhenOneBodyIsMalformed() {
    byte[] body =
        TlsBytes.clientHelloBody(
            0x0303,
            new int[] {0x002f},
            TlsBytes.extension(0, new byte[] {0, 50, 0}),
            TlsBytes.extension(16, TlsBytes.alpn("http/1.1")));

    ClientHello h = HelloParser.clientHello(body, 0, body.length).orElseThrow();

    assertThat(h.sni()).isEmpty();
    assertThat(h.extensions()).containsExactly(0, 16);
    assertThat(h.alpn()).containsExactly("http/1.1");
  }

  @Test
  void shouldReadNegotiatedVersionFromSupportedVersionsOfServerHello() {
    byte[] body =
        TlsBytes.serverHelloBody(0x0303, 0x1302, TlsBytes.extension(43, new byte[] {3, 4}));

    ServerHello h = HelloParser.serverHello(body, 0, body.length).orElseThrow();

    assertThat(h.cipher()).contains(0x1302);
    assertThat(h.negotiatedVersion()).isEqualTo(0x0304);
  }

  @Test
  void shouldReadEarlyDraftTls13ServerHelloWithoutSessionId() {
    byte[] body = new TlsBytes().u16(0x7f12).zeros(32).u16(0x1301).u16(0).build();

    ServerHello h = HelloParser.serverHello(body, 0, body.length).orElseThrow();

    assertThat(h.cipher()).contains(0x1301);
    assertThat(TlsVersion.name(h.negotiatedVersion())).isEqualTo("TLS 1.3 (draft 18)");
  }

  @Test
  void shouldReadSslv2ClientHelloCipherSpecs() {
    byte[] msg =
        new TlsBytes()
            .u8(1)
            .u16(0x0002)
            .u16(6)
            .u16(0)
            .u16(16)
            .bytes(new byte[] {0x07, 0x00, (byte) 0xc0, 0x01, 0x00, (byte) 0x80})
            .zeros(16)
            .build();

    ClientHello h = HelloParser.sslv2ClientHello(msg, 0, msg.length).orElseThrow();

    assertThat(h.sslv2()).isTrue();
    assertThat(h.ciphers()).containsExactly(0x0700c0, 0x010080);
    assertThat(TlsVersion.name(h.highestVersion())).isEqualTo("SSL 2.0");
  }

  @Test
  void shouldRejectSslv2HelloWithHostileLengths() {
    byte[] msg = new TlsBytes().u8(1).u16(2).u16(0xFFFF).u16(0xFFFF).u16(0xFFFF).build();

    assertThat(HelloParser.sslv2ClientHello(msg, 0, msg.length)).isEmpty();
  }
}
