package io.ward.capture.dissect.hl7;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.ward.capture.dissect.DissectorRegistry;
import io.ward.capture.dissect.testing.EngineRun;
import io.ward.capture.dissect.testing.TestData;
import io.ward.model.Observation;
import io.ward.model.ObservationFields;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** nDPI's hl7.pcap (HL7 2.3 over MLLP on port 6661) through the real capture engine. */
class Hl7CaptureTest {

  private static final String PCAP = "pcaps/ndpi/hl7.pcap";

  @Test
  void shouldMatchGoldenObservations() {
    EngineRun.Result r = EngineRun.analyze(TestData.file(PCAP), DissectorRegistry.all());
    EngineRun.assertGolden(getClass(), "hl7_ndpi.golden.json", r.observations());
    assertThat(r.summary().flowsByProtocol()).containsEntry("hl7", 1L);
  }

  @Test
  void shouldAttributeHeaderFieldsToSenderAndPeer() {
    EngineRun.Result r = EngineRun.analyze(TestData.file(PCAP), List.of(new Hl7Dissector()));
    assertThat(r.about("10.0.0.155"))
        .extracting(Observation::field, Observation::value)
        .contains(
            org.assertj.core.groups.Tuple.tuple(
                ObservationFields.HL7_SENDING_APP, "SENDING_APPLICATION"),
            org.assertj.core.groups.Tuple.tuple(ObservationFields.HL7_MESSAGE_TYPE, "ADT^A01"),
            org.assertj.core.groups.Tuple.tuple(ObservationFields.HL7_PID_PRESENT, "true"));
    assertThat(r.about("10.0.0.126"))
        .extracting(Observation::field, Observation::value)
        .contains(
            org.assertj.core.groups.Tuple.tuple(
                ObservationFields.HL7_RECEIVING_APP, "RECEIVING_APPLICATION"),
            org.assertj.core.groups.Tuple.tuple(ObservationFields.HL7_MESSAGE_TYPE, "ACK"));
  }

  @Test
  void shouldNeverEmitThePatientOfTheCapture() {
    EngineRun.Result r = EngineRun.analyze(TestData.file(PCAP), DissectorRegistry.all());
    assertThat(r.observations()).isNotEmpty();
    for (Observation o : r.observations()) {
      for (String secret :
          List.of("MOUSE", "MICKEY", "MINNIE", "135769", "19281118", "123 Main St", "(407)939")) {
        assertThat(o.value()).as(o.field()).doesNotContainIgnoringCase(secret);
      }
    }
  }

  /** tshark (decode-as on 6661, since its heuristic misses the ADT) must read the same MSH. */
  @Test
  void shouldAgreeWithTsharkOnMessageHeaders() {
    assumeTrue(EngineRun.hasTool("tshark", "--version"), "tshark not installed");
    List<String> verbose =
        EngineRun.run(
            "tshark",
            "-r",
            TestData.file(PCAP).toString(),
            "-d",
            "tcp.port==6661,hl7",
            "-Y",
            "hl7",
            "-V",
            "-O",
            "hl7");
    List<List<String>> mshFields = new ArrayList<>();
    boolean inMsh = false;
    for (String line : verbose) {
      String t = line.strip();
      if (t.startsWith("MSH (Message Header)")) {
        inMsh = true;
        mshFields.add(new ArrayList<>());
      } else if (inMsh && t.startsWith("field ")) {
        mshFields.get(mshFields.size() - 1).add(t);
      } else if (!t.startsWith("field ")) {
        inMsh = false;
      }
    }
    assertThat(mshFields).hasSize(2);
    EngineRun.Result r = EngineRun.analyze(TestData.file(PCAP), List.of(new Hl7Dissector()));
    List<String> sending = r.values(ObservationFields.HL7_SENDING_APP);
    List<String> types = r.values(ObservationFields.HL7_MESSAGE_TYPE);
    List<String> versions = r.values(ObservationFields.HL7_VERSION);
    for (List<String> msh : mshFields) {
      assertThat(sending).contains(value(msh, 3));
      assertThat(r.values(ObservationFields.HL7_SENDING_FACILITY)).contains(value(msh, 4));
      assertThat(r.values(ObservationFields.HL7_RECEIVING_APP)).contains(value(msh, 5));
      assertThat(r.values(ObservationFields.HL7_RECEIVING_FACILITY)).contains(value(msh, 6));
      assertThat(types).contains(value(msh, 9));
      assertThat(versions).contains(value(msh, 12));
    }
  }

  private static String value(List<String> fields, int number) {
    String prefix = "field " + number + ": ";
    return fields.stream()
        .filter(f -> f.startsWith(prefix))
        .map(f -> f.substring(prefix.length()).strip())
        .findFirst()
        .orElseThrow();
  }
}
