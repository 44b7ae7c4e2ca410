package io.ward.capture.dissect.tls;

import static org.assertj.core.api.Assertions.assertThat;

import io.ward.capture.dissect.testing.DissectorDriver;
import io.ward.capture.dissect.testing.RecordingFlowContext;
import io.ward.model.ObservationFields;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class TlsParserProperties {

  @Property
  void shouldNeverThrowOnRandomHelloBodies(@ForAll @Size(max = 600) byte[] body) {
    HelloParser.clientHello(body, 0, body.length);
    HelloParser.serverHello(body, 0, body.length);
    HelloParser.sslv2ClientHello(body, 0, body.length);
    HelloParser.sslv2ServerHello(body, 0, body.length);
    CertificateParser.leafOfChain(body, 0, body.length);
    CertificateParser.parse(body);
  }

  @Property
  void shouldNeverThrowOnRandomStreamAfterValidRecordHeader(
      @ForAll @Size(max = 2000) byte[] rest, @ForAll boolean fromClient) {
    byte[] b = new byte[5 + rest.length];
    b[0] = 22;
    b[1] = 3;
    b[2] = 3;
    b[3] = (byte) (rest.length >>> 8);
    b[4] = (byte) rest.length;
    System.arraycopy(rest, 0, b, 5, rest.length);
    DissectorDriver d =
        new DissectorDriver(new TlsDissector(), RecordingFlowContext.between(1, 443));

    d.feedUnprobed(fromClient, 1L, b);
    d.close();
  }

  @Property
  void shouldReadTheSameClientHelloWhateverTheSegmentation(
      @ForAll("hosts") String host,
      @ForAll @Size(min = 1, max = 40) List<@IntRange(min = 1, max = 0xfeff) Integer> ciphers,
      @ForAll @IntRange(min = 1, max = 50) int piece) {
    byte[] body =
        TlsBytes.clientHelloBody(
            0x0303,
            ciphers.stream().mapToInt(Integer::intValue).toArray(),
            TlsBytes.extension(0, TlsBytes.sni(host)));
    byte[] record = TlsBytes.record(22, TlsBytes.handshake(1, body));
    RecordingFlowContext ctx = RecordingFlowContext.between(1, 443);
    DissectorDriver d = new DissectorDriver(new TlsDissector(), ctx);

    for (int from = 0; from < record.length; from += piece) {
      d.feedUnprobed(
          true, 1L, Arrays.copyOfRange(record, from, Math.min(record.length, from + piece)));
    }

    ClientHello direct = HelloParser.clientHello(body, 0, body.length).orElseThrow();
    assertThat(ctx.values(ObservationFields.TLS_SNI)).containsExactly(host);
    assertThat(ctx.values(ObservationFields.TLS_JA3)).containsExactly(Fingerprints.ja3(direct));
    assertThat(ctx.values(ObservationFields.TLS_JA4)).containsExactly(Fingerprints.ja4(direct));
  }

  @Provide
  Arbitrary<String> hosts() {
    return Arbitraries.strings().withChars("abcdefghij.-0123").ofMinLength(1).ofMaxLength(60);
  }
}
