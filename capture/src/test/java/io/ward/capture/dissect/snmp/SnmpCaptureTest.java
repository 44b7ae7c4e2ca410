package io.ward.capture.dissect.snmp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.ward.capture.dissect.testing.EngineRun;
import io.ward.capture.dissect.testing.TestData;
import io.ward.model.Observation;
import io.ward.model.ObservationFields;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The public SNMP captures through the real capture engine, against golden JSON and tshark. */
class SnmpCaptureTest {

  private static EngineRun.Result run(String pcap) {
    return EngineRun.analyze(TestData.file("pcaps/" + pcap), List.of(new SnmpDissector()));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "ndpi/snmp.pcap",
        "arkime/SNMPv2c_get_requests.pcap",
        "zeek/snmp_snmpv1_get.pcap",
        "zeek/snmp_snmpv1_trap.pcap",
        "zeek/snmp_snmpv2_get.pcap",
        "zeek/snmp_snmpv3_get_next.pcap"
      })
  void shouldMatchGoldenObservationsAndNeverEmitACommunity(String pcap) {
    EngineRun.Result r = run(pcap);
    String golden = pcap.substring(pcap.indexOf('/') + 1).replace(".pcap", ".golden.json");
    EngineRun.assertGolden(getClass(), golden, r.observations());
    for (Observation o : r.observations()) {
      assertThat(o.value()).doesNotContain("public", "adsl", "private");
    }
    assertThat(r.values(ObservationFields.SNMP_COMMUNITY)).allMatch(v -> v.startsWith("in-use:v"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"ndpi/snmp.pcap", "zeek/snmp_snmpv1_get.pcap"})
  void shouldAgreeWithTsharkOnSysDescrAndSysName(String pcap) {
    assumeTrue(EngineRun.hasTool("tshark", "--version"), "tshark not installed");
    Set<String> descr = tshark(pcap, SnmpSession.SYS_DESCR);
    Set<String> name = tshark(pcap, SnmpSession.SYS_NAME);
    assertThat(descr.size() + name.size()).isPositive();
    EngineRun.Result r = run(pcap);
    assertThat(new TreeSet<>(r.values(ObservationFields.SNMP_SYS_DESCR))).isEqualTo(descr);
    assertThat(new TreeSet<>(r.values(ObservationFields.SNMP_SYS_NAME))).isEqualTo(name);
  }

  /** String values tshark decodes for one OID in agent responses. */
  private static Set<String> tshark(String pcap, String oid) {
    List<String> rows =
        EngineRun.run(
            "tshark",
            "-r",
            TestData.file("pcaps/" + pcap).toString(),
            "-Y",
            "snmp.get_response_element",
            "-T",
            "fields",
            "-E",
            "occurrence=a",
            "-E",
            "aggregator=;",
            "-e",
            "snmp.name",
            "-e",
            "snmp.value.octets");
    Set<String> values = new TreeSet<>();
    for (String row : rows) {
      String[] cols = row.split("\t", -1);
      if (cols.length < 2 || cols[1].isEmpty()) {
        continue;
      }
      String[] names = cols[0].split(";");
      String[] octets = cols[1].split(";");
      for (int i = 0; i < names.length && i < octets.length; i++) {
        if (names[i].equals(oid)) {
          values.add(
              new String(
                      HexFormat.of().parseHex(octets[i].replace(":", "")), StandardCharsets.UTF_8)
                  .strip());
        }
      }
    }
    return values;
  }
}
