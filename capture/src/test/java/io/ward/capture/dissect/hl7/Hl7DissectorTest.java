package io.ward.capture.dissect.hl7;

import static org.assertj.core.api.Assertions.assertThat;

import io.ward.capture.dissect.testing.DissectorDriver;
import io.ward.capture.dissect.testing.RecordingFlowContext;
import io.ward.capture.dissect.testing.TestData;
import io.ward.model.Observation;
import io.ward.model.ObservationFields;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class Hl7DissectorTest {

  static final String ORU =
      "MSH|^~\\&|MONITOR^0011223344556677^EUI-64|ICU|HIS|GOOD HOSP|20240101120000||ORU^R01^ORU_R01"
          + "|MSG1|P|2.6\r"
          + "PID|1||555444^^^HOSP^MR||DOE^JANE||19700101|F\r"
          + "OBR|1|||69837^MDC_OBS_PULS_OXIM^MDC\r"
          + "OBX|1|NM|150456^MDC_PULS_OXIM_SAT_O2^MDC||97|262688^MDC_DIM_PERCENT^MDC|||||R|||"
          + "20240101120000||||0123456789ABCDEF^EUI-64~PUMP-7^HOSP\r";

  static byte[] mllp(String message) {
    byte[] text = message.getBytes(StandardCharsets.UTF_8);
    byte[] framed = new byte[text.length + 3];
    framed[0] = 0x0B;
    System.arraycopy(text, 0, framed, 1, text.length);
    framed[text.length + 1] = 0x1C;
    framed[text.length + 2] = 0x0D;
    return framed;
  }

  private static DissectorDriver driver() {
    return new DissectorDriver(new Hl7Dissector(), RecordingFlowContext.between(49242, 6661));
  }

  @Test
  void shouldProbeMllpStartFollowedByMsh() {
    Hl7Dissector d = new Hl7Dissector();
    byte[] ok = mllp(ORU);
    assertThat(d.probe(ok, 0, ok.length, true)).isTrue();
    assertThat(d.probe(ok, 0, 3, true)).isFalse();
    assertThat(d.probe("MSH|^~\\&|".getBytes(StandardCharsets.US_ASCII), 0, 9, true)).isFalse();
    assertThat(d.probe(new byte[] {0x0B, 'P', 'I', 'D'}, 0, 4, true)).isFalse();
    byte[] bom = {0x0B, (byte) 0xEF, (byte) 0xBB, (byte) 0xBF, 'M', 'S', 'H', '|'};
    assertThat(d.probe(bom, 0, bom.length, true)).isTrue();
    assertThat(d.probe(ok, ok.length - 2, 5, true)).isFalse();
    assertThat(d.heuristic()).isTrue();
    assertThat(d.wellKnownPorts()).contains(2575, 6661);
  }

  @Test
  void shouldEmitSenderFieldsAboutSenderAndReceiverFieldsAboutPeer() {
    DissectorDriver driver = driver();
    driver.feed(true, 5L, mllp(ORU));
    RecordingFlowContext ctx = driver.context();

    assertThat(ctx.values(ObservationFields.HL7_SENDING_APP))
        .containsExactly("MONITOR^0011223344556677^EUI-64");
    assertThat(ctx.values(ObservationFields.HL7_SENDING_FACILITY)).containsExactly("ICU");
    assertThat(ctx.values(ObservationFields.HL7_RECEIVING_APP)).containsExactly("HIS");
    assertThat(ctx.values(ObservationFields.HL7_RECEIVING_FACILITY)).containsExactly("GOOD HOSP");
    assertThat(ctx.values(ObservationFields.HL7_MESSAGE_TYPE)).containsExactly("ORU^R01");
    assertThat(ctx.values(ObservationFields.HL7_VERSION)).containsExactly("2.6");
    assertThat(ctx.values(ObservationFields.HL7_DEVICE_ID))
        .containsExactly("0123456789ABCDEF^EUI-64", "PUMP-7^HOSP");
    assertThat(ctx.values(ObservationFields.HL7_PID_PRESENT)).containsExactly("true");
    for (Observation o : ctx.observations()) {
      boolean aboutPeer = o.field().startsWith("hl7.receiving");
      assertThat(o.subject()).isEqualTo(aboutPeer ? ctx.server() : ctx.client());
      assertThat(o.epochNanos()).isEqualTo(5L);
    }
    assertThat(ctx.anomalies()).isEmpty();
  }

  @Test
  void shouldTellApartLongIdsOfOneFlowThatDifferOnlyPastWhatAnObservationKeeps() {
    // The once-per-flow check compares whole values, as before facts were sent in sets: two ids
    // alike in their first 512 characters are two facts, each counted (and each cut the same).
    String common = "D".repeat(Observation.MAX_VALUE_CHARS);
    DissectorDriver driver = driver();
    driver.feed(true, 1L, mllp(ORU.replace("PUMP-7^HOSP", common + "1")));
    driver.feed(true, 2L, mllp(ORU.replace("PUMP-7^HOSP", common + "2")));
    driver.feed(true, 3L, mllp(ORU.replace("PUMP-7^HOSP", common + "2")));
    assertThat(driver.context().values(ObservationFields.HL7_DEVICE_ID))
        .containsExactly("0123456789ABCDEF^EUI-64", common, common);
  }

  @Test
  void shouldNeverEmitPatientFields() {
    DissectorDriver driver = driver();
    driver.feed(true, 1L, mllp(ORU));
    assertThat(driver.context().observations())
        .extracting(Observation::value)
        .noneMatch(v -> v.contains("DOE") || v.contains("555444") || v.contains("19700101"));
  }

  @Test
  void shouldReassembleMessageDeliveredOneByteAtATime() {
    DissectorDriver driver = driver();
    byte[] framed = mllp(ORU);
    driver.feed(true, 1L, java.util.Arrays.copyOf(framed, 4));
    for (int i = 4; i < framed.length; i++) {
      driver.feed(true, 1L, new byte[] {framed[i]});
    }
    assertThat(driver.context().values(ObservationFields.HL7_MESSAGE_TYPE))
        .containsExactly("ORU^R01");
  }

  @Test
  void shouldParseBothDirectionsAndEmitEachFactOnce() {
    String ack =
        "MSH|^~\\&|HIS|GOOD HOSP|MONITOR|ICU|20240101120001||ACK^R01^ACK|A1|P|2.6\rMSA|AA|MSG1\r";
    DissectorDriver driver = driver();
    driver.feed(true, 1L, mllp(ORU));
    driver.feed(false, 2L, mllp(ack));
    driver.feed(true, 3L, mllp(ORU));
    RecordingFlowContext ctx = driver.context();

    assertThat(ctx.values(ObservationFields.HL7_MESSAGE_TYPE))
        .containsExactly("ORU^R01", "ACK^R01");
    assertThat(ctx.values(ObservationFields.HL7_SENDING_APP))
        .containsExactly("MONITOR^0011223344556677^EUI-64", "HIS");
    assertThat(ctx.about(ctx.server()))
        .extracting(Observation::field, Observation::value)
        .contains(
            org.assertj.core.groups.Tuple.tuple(ObservationFields.HL7_SENDING_APP, "HIS"),
            org.assertj.core.groups.Tuple.tuple(ObservationFields.HL7_RECEIVING_APP, "HIS"));
  }

  @Test
  void shouldReadUdiDeviceAndSerialFromPrtSegment() {
    String msg =
        "MSH|^~\\&|LAB|H|EHR|H|20240101||ORU^R01|1|P|2.8.2\r"
            + "PRT|1|AD||EQUIP||||||INFUSOR-3^HOSP||||||(01)00643169001763^^2.16.840.1.113883.3.3719"
            + "^ISO||||SN-778899\r";
    DissectorDriver driver = driver();
    driver.feed(true, 1L, mllp(msg));
    RecordingFlowContext ctx = driver.context();

    assertThat(ctx.values(ObservationFields.HL7_DEVICE_ID)).containsExactly("INFUSOR-3^HOSP");
    assertThat(ctx.values(ObservationFields.HL7_UDI))
        .containsExactly("(01)00643169001763^^2.16.840.1.113883.3.3719^ISO");
    assertThat(ctx.values(Hl7Dissector.DEVICE_SERIAL)).containsExactly("SN-778899");
    assertThat(ctx.values(ObservationFields.HL7_PID_PRESENT)).isEmpty();
  }

  @Test
  void shouldFallBackToOwnReaderForFiveEncodingCharactersOfVersion27() {
    String msg = "MSH|^~\\&#|PUMPGW|ICU|EMR|H|20240101||RDE^O11|1|P|2.7\rPID|1\r";
    DissectorDriver driver = driver();
    driver.feed(true, 1L, mllp(msg));
    RecordingFlowContext ctx = driver.context();

    assertThat(ctx.values(ObservationFields.HL7_SENDING_APP)).containsExactly("PUMPGW");
    assertThat(ctx.values(ObservationFields.HL7_MESSAGE_TYPE)).containsExactly("RDE^O11");
    assertThat(ctx.values(ObservationFields.HL7_VERSION)).containsExactly("2.7");
    assertThat(ctx.anomalies()).containsEntry("hl7.msh_lenient", 1);
  }

  @Test
  void shouldAcceptLineFeedSegmentSeparatorsAndByteOrderMark() {
    String msg = "\uFEFFMSH|^~\\&|A|B|C|D|20240101||ADT^A01|1|P|2.5.1\nPID|1||X\n";
    DissectorDriver driver = driver();
    driver.feed(true, 1L, mllp(msg));
    RecordingFlowContext ctx = driver.context();
    assertThat(ctx.values(ObservationFields.HL7_MESSAGE_TYPE)).containsExactly("ADT^A01");
    assertThat(ctx.values(ObservationFields.HL7_PID_PRESENT)).containsExactly("true");
  }

  @Test
  void shouldCountBadMshAndKeepGoing() {
    DissectorDriver driver = driver();
    byte[] first = {0x0B, 'M', 'S', 'H', 0x1C, 0x0D};
    driver.feed(true, 1L, first);
    driver.feed(true, 2L, mllp(ORU));
    assertThat(driver.context().anomalies()).containsEntry("hl7.bad_msh", 1);
    assertThat(driver.context().values(ObservationFields.HL7_MESSAGE_TYPE))
        .containsExactly("ORU^R01");
  }

  @Test
  void shouldDropOversizedMessageAndResynchroniseOnNextStartByte() {
    DissectorDriver driver = driver();
    byte[] huge = new byte[MllpFramer.MAX_MESSAGE_BYTES + 100];
    java.util.Arrays.fill(huge, (byte) 'A');
    huge[0] = 0x0B;
    huge[1] = 'M';
    huge[2] = 'S';
    huge[3] = 'H';
    assertThat(driver.feed(true, 1L, huge)).isTrue();
    driver.feed(true, 2L, new byte[] {0x1C, 0x0D});
    driver.feed(true, 3L, mllp(ORU));
    RecordingFlowContext ctx = driver.context();
    assertThat(ctx.anomalies()).containsEntry("hl7.oversize", 1);
    assertThat(ctx.values(ObservationFields.HL7_MESSAGE_TYPE)).containsExactly("ORU^R01");
  }

  @Test
  void shouldKeepMessageWhenCarriageReturnAfterEndByteIsMissing() {
    DissectorDriver driver = driver();
    byte[] framed = mllp(ORU);
    framed[framed.length - 1] = 0x0B; // next frame starts right after FS
    driver.feed(true, 1L, framed);
    byte[] second = mllp(ORU.replace("ORU^R01", "ORU^R30"));
    driver.feed(true, 2L, java.util.Arrays.copyOfRange(second, 1, second.length));
    assertThat(driver.context().values(ObservationFields.HL7_MESSAGE_TYPE))
        .containsExactly("ORU^R01", "ORU^R30");
    assertThat(driver.context().anomalies()).containsEntry("hl7.bad_trailer", 1);
  }

  @Test
  void shouldResynchroniseAfterGap() {
    DissectorDriver driver = driver();
    byte[] framed = mllp(ORU);
    driver.feed(true, 1L, java.util.Arrays.copyOf(framed, 40));
    assertThat(driver.session().orElseThrow().onGap(true, 1000)).isTrue();
    driver.feed(true, 2L, framed);
    assertThat(driver.context().values(ObservationFields.HL7_MESSAGE_TYPE))
        .containsExactly("ORU^R01");
  }

  @Test
  void shouldParseEveryFhirConverterSampleWithoutLeakingPatientData() throws IOException {
    List<Path> samples;
    try (Stream<Path> s = Files.list(TestData.root().resolve("hl7v2/fhir-converter"))) {
      samples = s.filter(p -> p.toString().endsWith(".hl7")).sorted().toList();
    }
    assertThat(samples).hasSizeGreaterThanOrEqualTo(20);
    for (Path sample : samples) {
      byte[] raw = Files.readAllBytes(sample);
      ByteArrayOutputStream framed = new ByteArrayOutputStream();
      framed.write(0x0B);
      framed.write(raw);
      framed.write(0x1C);
      framed.write(0x0D);
      DissectorDriver driver = driver();
      driver.feed(true, 1L, framed.toByteArray());
      RecordingFlowContext ctx = driver.context();

      String text = new String(raw, StandardCharsets.UTF_8);
      assertThat(ctx.values(ObservationFields.HL7_MESSAGE_TYPE))
          .as(sample.getFileName().toString())
          .hasSize(1);
      boolean hasPid = java.util.regex.Pattern.compile("(?m)^PID\\|").matcher(text).find();
      assertThat(ctx.values(ObservationFields.HL7_PID_PRESENT))
          .as(sample.getFileName().toString())
          .isEqualTo(hasPid ? List.of("true") : List.of());
      List<String> secrets = Hl7TestPhi.identifyingPidValues(text);
      assertThat(secrets).as(sample.getFileName().toString()).isNotEmpty();
      for (Observation o : ctx.observations()) {
        for (String secret : secrets) {
          assertThat(o.value()).as(sample + " " + o.field()).doesNotContain(secret);
        }
      }
    }
  }

  @Test
  void shouldReadDeviceIdentifiersOfRealSample() throws IOException {
    byte[] raw = Files.readAllBytes(TestData.file("hl7v2/fhir-converter/ORU-R01-01.hl7"));
    ByteArrayOutputStream framed = new ByteArrayOutputStream();
    framed.write(0x0B);
    framed.write(raw);
    framed.write(0x1C);
    framed.write(0x0D);
    DissectorDriver driver = driver();
    driver.feed(true, 1L, framed.toByteArray());
    RecordingFlowContext ctx = driver.context();

    assertThat(ctx.values(ObservationFields.HL7_SENDING_APP))
        .containsExactly("IA PHIMS Stage^2.16.840.1.114222.4.3.3.5.1.2^ISO");
    assertThat(ctx.values(ObservationFields.HL7_MESSAGE_TYPE)).containsExactly("ORU^R01");
    assertThat(ctx.values(ObservationFields.HL7_VERSION)).containsExactly("2.5.1");
    assertThat(ctx.values(ObservationFields.HL7_DEVICE_ID))
        .contains(
            "EI12.3^NI2^426d2726-51fc-89fe-a946-8596e80a80eb^GUID",
            "^^1.3.6.1.4.1.44750.1.2.2^ISO",
            "SampleDevice");
    assertThat(ctx.values(ObservationFields.HL7_UDI)).contains("00643169001763^^2.51.1.1^ISO");
    assertThat(ctx.values(Hl7Dissector.DEVICE_SERIAL)).contains("21A11F4855");
    // SFT|Orion Health^L|2.4.3.52854|Rhapsody|2.4.3.52854||20070725111624
    assertThat(ctx.values(ObservationFields.HL7_SOFTWARE_VENDOR)).containsExactly("Orion Health");
    assertThat(ctx.values(ObservationFields.HL7_SOFTWARE_VERSION)).containsExactly("2.4.3.52854");
    assertThat(ctx.values(ObservationFields.HL7_SOFTWARE_PRODUCT)).containsExactly("Rhapsody");
    assertThat(ctx.about(ctx.client()))
        .extracting(Observation::field)
        .contains(ObservationFields.HL7_SOFTWARE_PRODUCT);
  }

  @Test
  void shouldAttributeTheLastSftSegmentToTheSender() {
    String msg =
        "MSH|^~\\&|PUMPGW|ICU|EMR|H|20240101||ORU^R01^ORU_R01|1|P|2.6\r"
            + "SFT|Becton, Dickinson and Company^L^^^^&2.16.840.1.113883.3.3719&ISO^XX^^^1"
            + "|12.1.3|BD Alaris PC Unit|8015-12.1.3\r"
            + "SFT|NextGen Healthcare|4.4.1|Mirth Connect|b42\r"
            + "OBR|1\r";
    DissectorDriver driver = driver();
    driver.feed(true, 1L, mllp(msg));
    RecordingFlowContext ctx = driver.context();

    assertThat(ctx.values(ObservationFields.HL7_SOFTWARE_VENDOR))
        .containsExactly("NextGen Healthcare");
    assertThat(ctx.values(ObservationFields.HL7_SOFTWARE_VERSION)).containsExactly("4.4.1");
    assertThat(ctx.values(ObservationFields.HL7_SOFTWARE_PRODUCT)).containsExactly("Mirth Connect");
    assertThat(ctx.about(ctx.server()))
        .extracting(Observation::field)
        .noneMatch(f -> f.startsWith("hl7.software"));
  }

  @Test
  void shouldReadOrganizationNameOfSftVendorAndSkipEmptyParts() {
    String msg =
        "MSH|^~\\&|MON|ICU|EMR|H|20240101||ORU^R01|1|P|2.6\r"
            + "SFT|Philips Medical Systems^L^^^^&1.3.46&ISO^XX^^^PMS||IntelliVue MX800\r";
    DissectorDriver driver = driver();
    driver.feed(true, 1L, mllp(msg));
    RecordingFlowContext ctx = driver.context();

    assertThat(ctx.values(ObservationFields.HL7_SOFTWARE_VENDOR))
        .containsExactly("Philips Medical Systems");
    assertThat(ctx.values(ObservationFields.HL7_SOFTWARE_VERSION)).isEmpty();
    assertThat(ctx.values(ObservationFields.HL7_SOFTWARE_PRODUCT))
        .containsExactly("IntelliVue MX800");
  }

  @Test
  void shouldResolveDelimiterEscapesInSftValues() {
    String msg =
        "MSH|^~\\&|VENT|ICU|EMR|H|20240101||ORU^R01|1|P|2.6\r"
            + "SFT|Draegerwerk AG \\T\\ Co. KGaA^L|VF10.2|Evita V500 \\F\\ \\X41\\|1\r";
    DissectorDriver driver = driver();
    driver.feed(true, 1L, mllp(msg));
    RecordingFlowContext ctx = driver.context();

    assertThat(ctx.values(ObservationFields.HL7_SOFTWARE_VENDOR))
        .containsExactly("Draegerwerk AG & Co. KGaA");
    assertThat(ctx.values(ObservationFields.HL7_SOFTWARE_PRODUCT))
        .containsExactly("Evita V500 | \\X41\\");
  }

  @Test
  void shouldBoundAnOverlongSftValue() {
    String product = "P".repeat(5_000);
    String msg = "MSH|^~\\&|MON|ICU|EMR|H|20240101||ORU^R01|1|P|2.6\rSFT|V|1.0|" + product + "\r";
    DissectorDriver driver = driver();
    driver.feed(true, 1L, mllp(msg));
    assertThat(driver.context().values(ObservationFields.HL7_SOFTWARE_PRODUCT))
        .singleElement()
        .satisfies(
            v -> assertThat(v).hasSize(Hl7MessageParser.MAX_SOFTWARE_CHARS).startsWith("PPP"));
  }

  @Test
  void shouldEmitNoSoftwareWhenThereIsNoSftSegment() {
    DissectorDriver driver = driver();
    driver.feed(true, 1L, mllp(ORU));
    assertThat(driver.context().observations())
        .extracting(Observation::field)
        .noneMatch(f -> f.startsWith("hl7.software"));
  }
}
