package io.ward.capture.dissect.dns;

import static org.assertj.core.api.Assertions.assertThat;

import io.ward.capture.dissect.testing.DissectorDriver;
import io.ward.capture.dissect.testing.RecordingFlowContext;
import io.ward.model.Endpoint;
import io.ward.model.IpAddress;
import io.ward.model.MacAddress;
import io.ward.model.ObservationFields;
import org.junit.jupiter.api.Test;

class DnsDissectorTest {

  private final RecordingFlowContext ctx = RecordingFlowContext.between(40000, 53);

  private DissectorDriver driver(DnsDissector d) {
    return new DissectorDriver(d, ctx);
  }

  @Test
  void shouldReportQueriedNameAboutTheAsker() {
    driver(DnsDissector.dns())
        .feed(true, 1L, DnsBytes.query(1).question("pacs.example", 1).build());

    assertThat(ctx.about(ctx.client()))
        .extracting(o -> o.field() + "=" + o.value())
        .containsExactly("dns.query=pacs.example");
  }

  @Test
  void shouldNameAnsweredAddressWithOwnerAndCnameAliases() {
    byte[] response =
        DnsBytes.response(0, 3, 0, 0)
            .cname("pacs.example", "alias.example")
            .cname("alias.example", "srv12.example")
            .a("srv12.example", 10, 1, 2, 3)
            .build();

    driver(DnsDissector.dns()).feed(false, 1L, response);

    Endpoint answered = Endpoint.ofIp(IpAddress.parse("10.1.2.3"), 0);
    assertThat(ctx.about(answered))
        .extracting(o -> o.value())
        .containsExactly("srv12.example", "alias.example", "pacs.example");
  }

  @Test
  void shouldNameAddressFromReversePointerAnswer() {
    byte[] response =
        DnsBytes.response(0, 1, 0, 0).ptr("9.0.0.10.in-addr.arpa", "mri.example").build();

    driver(DnsDissector.dns()).feed(false, 1L, response);

    assertThat(ctx.about(Endpoint.ofIp(IpAddress.parse("10.0.0.9"), 0)))
        .extracting(o -> o.field() + "=" + o.value())
        .containsExactly("dns.name=mri.example");
  }

  @Test
  void shouldIgnoreLoopbackAndFailedAnswers() {
    byte[] loopback = DnsBytes.response(0, 1, 0, 0).a("localhost", 127, 0, 0, 1).build();
    byte[] nxdomain = new DnsBytes(0x8403, 0, 1, 0, 0).a("gone.example", 10, 0, 0, 1).build();
    DissectorDriver d = driver(DnsDissector.dns());

    d.feed(false, 1L, loopback);
    d.feed(false, 2L, nxdomain);

    assertThat(ctx.observations()).isEmpty();
  }

  @Test
  void shouldReportMdnsHostNamesServicesInstancesAndTxtOfTheSender() {
    byte[] announce =
        DnsBytes.response(0, 6, 0, 0)
            .a("infusion-7.local", 10, 0, 0, 1)
            .ptr("_services._dns-sd._udp.local", "_http._tcp.local")
            .ptr("_http._tcp.local", "Pump 7._http._tcp.local")
            .srv("Pump 7._http._tcp.local", 8080, "infusion-7.local")
            .txt("Pump 7._http._tcp.local", "model=Alaris 8015", "path=/", "secret=x")
            .ptr("1.0.0.10.in-addr.arpa", "infusion-7.local")
            .build();

    driver(DnsDissector.mdns()).feed(true, 1L, announce);

    assertThat(ctx.about(ctx.client()))
        .extracting(o -> o.field() + "=" + o.value())
        .containsExactly(
            "mdns.name=infusion-7.local",
            "mdns.service=_http._tcp.local",
            "mdns.instance=Pump 7._http._tcp.local",
            "mdns.servicePort=_http._tcp.local:8080",
            "mdns.txt=model=Alaris 8015");
  }

  @Test
  void shouldLinkAnnouncedForeignAddressToSenderMacInMdns() {
    byte[] announce =
        DnsBytes.response(0, 1, 0, 0)
            .name("host.local")
            .rr(28, 16)
            .bytes(0xfe, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 5)
            .build();

    driver(DnsDissector.mdns()).feed(true, 1L, announce);

    Endpoint linked =
        Endpoint.of(MacAddress.parse("02:00:00:00:00:01"), IpAddress.parse("fe80::5"), 0);
    assertThat(ctx.about(linked)).extracting(o -> o.value()).containsExactly("host.local");
  }

  @Test
  void shouldIgnoreKnownAnswersInMdnsQueryButReadProbeAuthority() {
    byte[] query =
        new DnsBytes(0x0000, 1, 1, 1, 0)
            .question("_ipp._tcp.local", 12)
            .ptr("_ipp._tcp.local", "Someone Else._ipp._tcp.local")
            .a("me.local", 10, 0, 0, 1)
            .build();

    driver(DnsDissector.mdns()).feed(true, 1L, query);

    assertThat(ctx.observations())
        .extracting(o -> o.field() + "=" + o.value())
        .containsExactly("mdns.name=me.local");
  }

  @Test
  void shouldReportLlmnrQueryAndResponderName() {
    DissectorDriver d = driver(DnsDissector.llmnr());
    d.feed(true, 1L, DnsBytes.query(1).question("wpad", 1).build());
    d.feed(false, 2L, DnsBytes.response(0, 1, 0, 0).a("wpad", 10, 0, 0, 2).build());

    assertThat(ctx.observations())
        .extracting(o -> o.field() + "=" + o.value())
        .containsExactly("llmnr.query=wpad", "llmnr.name=wpad");
    assertThat(ctx.values(ObservationFields.LLMNR_NAME)).containsExactly("wpad");
    assertThat(ctx.about(ctx.server())).hasSize(1);
  }

  @Test
  void shouldCountAnomaliesFromMalformedMessages() {
    DissectorDriver d = driver(DnsDissector.dns());
    d.feed(true, 1L, DnsBytes.query(1).question("ok", 1).build());

    d.feed(true, 2L, DnsBytes.query(1).pointer(12).u16(1).u16(1).build());
    d.feed(true, 3L, new byte[4]);

    assertThat(ctx.anomalies())
        .containsEntry("dns.compression_loop", 1)
        .containsEntry("dns.truncated", 1);
  }
}
