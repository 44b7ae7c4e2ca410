package io.ward.capture.dissect.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.ward.capture.dissect.testing.CaptureRun;
import io.ward.capture.dissect.testing.Tshark;
import io.ward.model.IpAddress;
import io.ward.model.ObservationFields;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** tshark 4.0 as the oracle for mDNS and NBNS names. */
class NameServiceTsharkOracleTest {
  private static final Pattern NB_NAME = Pattern.compile("^(.*<[0-9a-f]{2}>)(?: \\(.*\\))?$");

  @BeforeAll
  static void needsTshark() {
    assumeTrue(Tshark.available(), "tshark not installed");
  }

  /**
   * Every (address, name) pair of an A/AAAA record, and every reverse PTR, that a host announced
   * (responses, and the authority section of probes) — the same pairs Ward emits as mdns.name.
   */
  @Test
  void shouldAgreeWithTsharkOnMdnsNamePairs() {
    String pcap = "zeek/dns_mdns.pcap";
    CaptureRun run = CaptureRun.of(pcap, DnsDissector.mdns());
    Tshark.Table t =
        Tshark.fields(
            pcap,
            List.of("-Y", "mdns && (dns.flags.response == 1 || dns.count.answers == 0)"),
            "dns.resp.name",
            "dns.resp.type",
            "dns.a",
            "dns.aaaa",
            "dns.ptr.domain_name");
    Set<String> expected = new LinkedHashSet<>();
    for (String[] row : t.rows()) {
      String[] names = split(row[0]);
      String[] types = split(row[1]);
      String[] a = split(row[2]);
      String[] aaaa = split(row[3]);
      String[] ptr = split(row[4]);
      int ia = 0;
      int i6 = 0;
      int ip = 0;
      for (int i = 0; i < Math.min(names.length, types.length); i++) {
        switch (types[i]) {
          case "1" -> expected.add(a[ia++] + " " + names[i]);
          case "28" -> expected.add(IpAddress.parse(aaaa[i6++]) + " " + names[i]);
          case "12" -> {
            String target = ptr[ip++];
            ReverseName.address(names[i]).ifPresent(addr -> expected.add(addr + " " + target));
          }
          default -> {}
        }
      }
    }

    Set<String> actual = new LinkedHashSet<>();
    run.fields(ObservationFields.MDNS_NAME)
        .forEach(o -> actual.add(o.subject().ip().orElseThrow() + " " + o.value()));
    assertThat(expected).hasSize(3);
    assertThat(actual).containsExactlyInAnyOrderElementsOf(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"arkime/nbns.pcap", "ndpi/netbios.pcap"})
  void shouldAgreeWithTsharkOnNetbiosNames(String pcap) {
    CaptureRun run = CaptureRun.of(pcap, new NbnsDissector());
    Tshark.Table t =
        Tshark.fields(
            pcap,
            List.of("-Y", "nbns"),
            "nbns.flags.response",
            "nbns.flags.opcode",
            "nbns.flags.rcode",
            "nbns.type",
            "nbns.name",
            "nbns.unit_id");
    Set<String> expected = new LinkedHashSet<>();
    Set<String> unitIds = new LinkedHashSet<>();
    for (String[] row : t.rows()) {
      boolean response = "1".equals(row[0]) || "True".equalsIgnoreCase(row[0]);
      int opcode = Integer.parseInt(row[1]);
      boolean nbQuestion = split(row[3]).length > 0 && split(row[3])[0].equals("32");
      boolean registration = opcode == 5 || opcode == 8 || opcode == 9 || opcode == 15;
      if ((!response && (registration || (opcode == 0 && nbQuestion)))
          || (response && opcode == 0 && "0".equals(row[2]))) {
        for (String n : split(row[4])) {
          name(n, expected);
        }
        unitIds.addAll(List.of(split(row[5])));
      }
    }
    // Node status tables: tshark's plain field drops the suffix, its display text keeps it.
    for (String n :
        Tshark.shownames(
            pcap, "nbns.flags.response == 1 && nbns.flags.rcode == 0", "nbns.netbios_name")) {
      name(n, expected);
    }

    Set<String> actual = new LinkedHashSet<>();
    actual.addAll(run.values(ObservationFields.NBNS_NAME));
    actual.addAll(run.values(NbnsMapper.NBNS_GROUP));
    actual.addAll(run.values(NbnsMapper.NBNS_QUERY));
    assertThat(expected).isNotEmpty();
    assertThat(actual).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(run.values(NbnsMapper.NBNS_UNIT_ID)).containsExactlyInAnyOrderElementsOf(unitIds);
  }

  /** Adds a tshark NetBIOS name without its description, minus what Ward leaves out on purpose. */
  private static void name(String tsharkName, Set<String> into) {
    Matcher m = NB_NAME.matcher(tsharkName);
    String n = m.matches() ? m.group(1) : tsharkName;
    if (n.contains("<03>") || n.startsWith("<01>") || n.startsWith("*<00>")) {
      return;
    }
    into.add(n);
  }

  private static String[] split(String cell) {
    return cell == null || cell.isEmpty() ? new String[0] : cell.split(",");
  }
}
