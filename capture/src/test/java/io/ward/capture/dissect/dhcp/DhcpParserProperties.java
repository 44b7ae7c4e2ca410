package io.ward.capture.dissect.dhcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class DhcpParserProperties {

  @Property
  void shouldNeverThrowOnRandomBytes(@ForAll @Size(max = 600) byte[] bytes) {
    DhcpParser.parse(bytes, 0, bytes.length);
  }

  @Property
  void shouldNeverThrowOnRandomOptionsAfterValidHeader(
      @ForAll @Size(max = 400) byte[] options, @ForAll @IntRange(min = 0, max = 3) int overload) {
    byte[] header = DhcpBytes.request().option(52, overload).noEnd().build();
    byte[] b = new byte[header.length + options.length];
    System.arraycopy(header, 0, b, 0, header.length);
    System.arraycopy(options, 0, b, header.length, options.length);

    assertThat(DhcpParser.parse(b, 0, b.length)).isPresent();
  }

  @Property
  void shouldRoundTripHostnameVendorClassAndParameterList(
      @ForAll("names") String hostname,
      @ForAll("names") String vendorClass,
      @ForAll @Size(min = 1, max = 40) List<@IntRange(min = 1, max = 254) Integer> params) {
    int[] p = params.stream().mapToInt(Integer::intValue).toArray();
    byte[] b =
        DhcpBytes.request().option(12, hostname).option(60, vendorClass).option(55, p).build();

    DhcpMessage m = DhcpParser.parse(b, 0, b.length).orElseThrow();

    assertThat(m.hostname()).contains(hostname);
    assertThat(m.vendorClass()).contains(vendorClass);
    assertThat(m.paramList())
        .contains(String.join(",", params.stream().map(String::valueOf).toList()));
  }

  @Provide
  Arbitrary<String> names() {
    return Arbitraries.strings().withCharRange('!', '~').ofMinLength(1).ofMaxLength(100);
  }
}
