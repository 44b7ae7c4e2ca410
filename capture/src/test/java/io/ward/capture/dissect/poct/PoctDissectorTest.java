package io.ward.capture.dissect.poct;

import static org.assertj.core.api.Assertions.assertThat;

import io.ward.capture.dissect.testing.DissectorDriver;
import io.ward.capture.dissect.testing.RecordingFlowContext;
import io.ward.model.Observation;
import io.ward.model.ObservationFields;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PoctDissectorTest {

  /** A device hello in the shape of the POCT1-A2 HEL.R01 example (Device Messaging Layer). */
  static final String HELLO =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
          + "<HEL.R01>\n"
          + "  <HDR>\n"
          + "    <HDR.control_id V=\"10001\"/>\n"
          + "    <HDR.version_id V=\"POCT1\"/>\n"
          + "    <HDR.creation_dttm V=\"2024-01-01T12:00:00-08:00\"/>\n"
          + "  </HDR>\n"
          + "  <DEV>\n"
          + "    <DEV.device_id V=\"00:0D:8A:01:02:03\"/>\n"
          + "    <DEV.vendor_id V=\"ACME\"/>\n"
          + "    <DEV.model_id V=\"BG-200\"/>\n"
          + "    <DEV.serial_id V=\"BG200-0042\"/>\n"
          + "    <DEV.manufacturer_name V=\"Acme Diagnostics\"/>\n"
          + "    <DEV.hw_version V=\"1.2\"/>\n"
          + "    <DEV.sw_version V=\"3.4.5\"/>\n"
          + "    <DEV.device_name V=\"ICU blood gas\"/>\n"
          + "    <DCP><DCP.application_timeout V=\"30\"/></DCP>\n"
          + "    <DSC><DSC.connection_profile_cd V=\"SA\"/><DSC.topics_supported_cd V=\"OBS\"/></DSC>\n"
          + "  </DEV>\n"
          + "</HEL.R01>\n";

  static final String OBSERVATION =
      "<OBS.R01><HDR><HDR.control_id V=\"10002\"/></HDR>"
          + "<SVC><PT><PT.patient_id V=\"MRN-55512\"/><PT.name V=\"DOE^JANE\"/></PT>"
          + "<OBS><OBS.observation_id V=\"pH\"/><OBS.value V=\"7.41\"/></OBS></SVC></OBS.R01>";

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static DissectorDriver driver() {
    return new DissectorDriver(new PoctDissector(), RecordingFlowContext.between(40000, 7001));
  }

  @Test
  void shouldReadDeviceBlockOfHello() {
    DissectorDriver d = driver();
    d.feed(true, 1L, utf8(HELLO));
    RecordingFlowContext ctx = d.context();
    assertThat(ctx.values(ObservationFields.POCT_VENDOR)).containsExactly("ACME");
    assertThat(ctx.values(ObservationFields.POCT_MODEL)).containsExactly("BG-200");
    assertThat(ctx.values(ObservationFields.POCT_SERIAL)).containsExactly("BG200-0042");
    assertThat(ctx.values(ObservationFields.POCT_SOFTWARE)).containsExactly("3.4.5");
    assertThat(ctx.values(PoctDissector.DEVICE_ID)).containsExactly("00:0D:8A:01:02:03");
    assertThat(ctx.values(PoctDissector.MESSAGE_TYPE)).containsExactly("HEL.R01");
    assertThat(ctx.observations()).allMatch(o -> o.subject().equals(ctx.client()));
    assertThat(ctx.anomalies()).isEmpty();
  }

  @Test
  void shouldFlagPatientDataWithoutCopyingIt() {
    DissectorDriver d = driver();
    d.feed(true, 1L, utf8(HELLO + OBSERVATION));
    RecordingFlowContext ctx = d.context();
    assertThat(ctx.values(PoctDissector.PATIENT_PRESENT)).containsExactly("true");
    assertThat(ctx.values(PoctDissector.MESSAGE_TYPE)).containsExactly("HEL.R01", "OBS.R01");
    assertThat(ctx.observations())
        .extracting(Observation::value)
        .noneMatch(v -> v.contains("MRN-55512") || v.contains("DOE"));
  }

  @Test
  void shouldReassembleDocumentSplitIntoSegments() {
    byte[] all = utf8(HELLO);
    DissectorDriver d = driver();
    d.feed(true, 1L, Arrays.copyOf(all, 80));
    for (int i = 80; i < all.length; i += 7) {
      d.feed(true, 2L, Arrays.copyOfRange(all, i, Math.min(all.length, i + 7)));
    }
    assertThat(d.context().values(ObservationFields.POCT_SERIAL)).containsExactly("BG200-0042");
  }

  @Test
  void shouldRefuseExternalEntitiesAndDtds(@TempDir Path dir) throws Exception {
    Path secret = dir.resolve("secret.txt");
    Files.writeString(secret, "TOP-SECRET-CONTENT");
    String xxe =
        "<?xml version=\"1.0\"?><!DOCTYPE HEL.R01 [<!ENTITY x SYSTEM \""
            + secret.toUri()
            + "\">]><HEL.R01><DEV><DEV.vendor_id V=\"&x;\"/></DEV></HEL.R01>";
    String laughs =
        "<?xml version=\"1.0\"?><!DOCTYPE HEL.R01 [<!ENTITY a \"aaaaaaaaaa\">"
            + "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;\">]>"
            + "<HEL.R01><DEV><DEV.vendor_id V=\"&c;\"/></DEV></HEL.R01>";
    for (String hostile : new String[] {xxe, laughs}) {
      DissectorDriver d = driver();
      d.feedUnprobed(true, 1L, utf8(hostile));
      assertThat(d.context().observations())
          .extracting(Observation::value)
          .noneMatch(v -> v.contains("TOP-SECRET") || v.contains("aaaa"));
      assertThat(d.context().anomalies()).isNotEmpty();
    }
  }

  @Test
  void shouldProbePoctRootsOnly() {
    PoctDissector p = new PoctDissector();
    byte[] hello = utf8(HELLO);
    assertThat(p.probe(hello, 0, hello.length, true)).isTrue();
    byte[] dst = utf8("<DST.R01><HDR/></DST.R01>");
    assertThat(p.probe(dst, 0, dst.length, true)).isTrue();
    byte[] soap = utf8("<?xml version=\"1.0\"?><soap:Envelope></soap:Envelope>");
    assertThat(p.probe(soap, 0, soap.length, true)).isFalse();
    byte[] html = utf8("<html><body>HEL.R01</body></html>");
    assertThat(p.probe(html, 0, html.length, false)).isFalse();
  }

  @Test
  void shouldDropOversizedDocument() {
    DissectorDriver d = driver();
    d.feed(true, 1L, utf8("<HEL.R01><DEV>"));
    byte[] filler = new byte[64 * 1024];
    Arrays.fill(filler, (byte) ' ');
    for (int i = 0; i < 5; i++) {
      d.feed(true, 2L, filler);
    }
    d.feed(true, 3L, utf8(HELLO));
    assertThat(d.context().anomalies()).containsKey("poct.oversize");
  }
}
