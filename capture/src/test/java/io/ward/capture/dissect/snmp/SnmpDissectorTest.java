package io.ward.capture.dissect.snmp;

import static org.assertj.core.api.Assertions.assertThat;

import io.ward.capture.dissect.testing.DissectorDriver;
import io.ward.capture.dissect.testing.RecordingFlowContext;
import io.ward.model.Observation;
import io.ward.model.ObservationFields;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SnmpDissectorTest {

  private static final byte[] NULL = {0x05, 0x00};

  private static DissectorDriver driver(int clientPort, int serverPort) {
    return new DissectorDriver(
        new SnmpDissector(), RecordingFlowContext.between(clientPort, serverPort));
  }

  @Test
  void shouldReportAgentFactsFromResponseButNeverTheCommunity() {
    DissectorDriver driver = driver(40000, 161);
    driver.feed(
        true,
        1L,
        SnmpBytes.message(
            1,
            "s3cr3t-community",
            0xA0,
            SnmpBytes.varBind(SnmpSession.SYS_DESCR, NULL),
            SnmpBytes.varBind(SnmpSession.SYS_NAME, NULL)));
    driver.feed(
        false,
        2L,
        SnmpBytes.message(
            1,
            "s3cr3t-community",
            0xA2,
            SnmpBytes.varBind(SnmpSession.SYS_DESCR, SnmpBytes.octets("Infusion Gateway 4.2")),
            SnmpBytes.varBind(SnmpSession.SYS_NAME, SnmpBytes.octets("icu-gw-1")),
            SnmpBytes.varBind(SnmpSession.SYS_OBJECT_ID, SnmpBytes.oid("1.3.6.1.4.1.9999.1"))));
    RecordingFlowContext ctx = driver.context();

    assertThat(ctx.about(ctx.server()))
        .extracting(Observation::field, Observation::value)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(ObservationFields.SNMP_VERSION, "v2c"),
            org.assertj.core.groups.Tuple.tuple(ObservationFields.SNMP_COMMUNITY, "in-use:v2c"),
            org.assertj.core.groups.Tuple.tuple(
                ObservationFields.SNMP_SYS_DESCR, "Infusion Gateway 4.2"),
            org.assertj.core.groups.Tuple.tuple(ObservationFields.SNMP_SYS_NAME, "icu-gw-1"),
            org.assertj.core.groups.Tuple.tuple(SnmpDissector.SYS_OBJECT_ID, "1.3.6.1.4.1.9999.1"));
    assertThat(ctx.about(ctx.client())).isEmpty();
    assertThat(ctx.observations())
        .extracting(Observation::value)
        .noneMatch(v -> v.contains("s3cr3t"));
  }

  @Test
  void shouldAttributeV1TrapToItsSender() {
    DissectorDriver driver = driver(50000, 162);
    byte[] trapPdu =
        SnmpBytes.tlv(
            0xA4,
            SnmpBytes.oid("1.3.6.1.4.1.31337"),
            SnmpBytes.tlv(0x40, new byte[] {10, 0, 0, 1}),
            SnmpBytes.integer(6),
            SnmpBytes.integer(1),
            SnmpBytes.tlv(0x43, new byte[] {1}),
            SnmpBytes.tlv(
                0x30, SnmpBytes.varBind(SnmpSession.SYS_NAME, SnmpBytes.octets("pump-7"))));
    byte[] trap = SnmpBytes.tlv(0x30, SnmpBytes.integer(0), SnmpBytes.octets("public"), trapPdu);
    driver.feed(true, 1L, trap);
    RecordingFlowContext ctx = driver.context();
    assertThat(ctx.about(ctx.client()))
        .extracting(Observation::value)
        .containsExactly("v1", "in-use:v1", "pump-7");
  }

  @Test
  void shouldReportV3SecurityLevelAndMarkPrivacyEncrypted() {
    DissectorDriver plain = driver(40000, 161);
    plain.feed(true, 1L, SnmpBytes.v3(0x04, false, 0xA0));
    assertThat(plain.context().values(SnmpDissector.SECURITY_LEVEL))
        .containsExactly("noAuthNoPriv");
    assertThat(plain.context().encrypted()).isFalse();

    DissectorDriver priv = driver(40000, 161);
    priv.feed(true, 1L, SnmpBytes.v3(0x07, true, 0));
    RecordingFlowContext ctx = priv.context();
    assertThat(ctx.values(SnmpDissector.SECURITY_LEVEL)).containsExactly("authPriv");
    assertThat(ctx.values(ObservationFields.SNMP_VERSION)).containsExactly("v3");
    assertThat(ctx.about(ctx.server())).hasSize(2);
    assertThat(ctx.encrypted()).isTrue();
  }

  @Test
  void shouldRejectNonSnmpAndTruncatedInProbe() {
    SnmpDissector d = new SnmpDissector();
    byte[] ok = SnmpBytes.message(0, "public", 0xA0, SnmpBytes.varBind("1.3.6.1.2.1.1.1.0", NULL));
    assertThat(d.probe(ok, 0, ok.length, true)).isTrue();
    assertThat(d.probe(ok, 0, ok.length - 1, true)).isFalse();
    byte[] v2 = ok.clone();
    v2[4] = 2; // version 2 does not exist on the wire
    assertThat(d.probe(v2, 0, v2.length, true)).isFalse();
    assertThat(
            d.probe(
                new byte[] {0x30, (byte) 0x84, 0x7F, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF},
                0,
                6,
                true))
        .isFalse();
    assertThat(d.probe(new byte[0], 0, 0, true)).isFalse();
  }

  @Test
  void shouldCountMalformedDatagramAndKeepGoing() {
    DissectorDriver driver = driver(40000, 161);
    byte[] ok = SnmpBytes.message(1, "public", 0xA0, SnmpBytes.varBind("1.3.6.1.2.1.1.1.0", NULL));
    driver.feed(true, 1L, ok);
    driver.session().orElseThrow().onData(true, 2L, Arrays.copyOf(ok, 9), 0, 9);
    assertThat(driver.context().anomalies()).containsEntry("snmp.bad_ber", 1);
  }

  @Test
  void shouldRejectOidWithAbsurdArcCount() {
    byte[] longOid = new byte[600];
    Arrays.fill(longOid, (byte) 0x01);
    byte[] vb = SnmpBytes.tlv(0x30, SnmpBytes.tlv(0x06, longOid), NULL);
    byte[] msg =
        SnmpBytes.tlv(
            0x30,
            SnmpBytes.integer(1),
            SnmpBytes.octets("public"),
            SnmpBytes.tlv(
                0xA2,
                SnmpBytes.integer(1),
                SnmpBytes.integer(0),
                SnmpBytes.integer(0),
                SnmpBytes.tlv(0x30, vb)));
    assertThat(SnmpParser.parse(msg, 0, msg.length)).isEmpty();
  }
}
