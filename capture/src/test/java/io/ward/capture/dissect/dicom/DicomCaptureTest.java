package io.ward.capture.dissect.dicom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.ward.capture.dissect.testing.EngineRun;
import io.ward.capture.dissect.testing.TestData;
import io.ward.model.ObservationFields;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The DCMTK loopback capture through the real capture engine, against golden JSON and tshark. */
class DicomCaptureTest {

  private static final String PCAP = "pcaps/dcmtk-loopback-generated/dicom_dcmtk_loopback.pcapng";

  private static EngineRun.Result run() {
    return EngineRun.analyze(TestData.file(PCAP), List.of(new DicomDissector()));
  }

  @Test
  void shouldMatchGoldenObservations() {
    EngineRun.Result r = run();
    EngineRun.assertGolden(getClass(), "dicom_dcmtk_loopback.golden.json", r.observations());
    assertThat(r.summary().flowsByProtocol()).containsEntry("dicom", 4L);
  }

  @Test
  void shouldSeeEveryAssociationOutcomeAndCommandOfTheCapture() {
    EngineRun.Result r = run();
    assertThat(new TreeSet<>(r.values(ObservationFields.DICOM_CALLED_AE)))
        .containsExactly("OFFIS", "STORESCP", "WRONGAE");
    assertThat(new TreeSet<>(r.values(ObservationFields.DICOM_CALLING_AE)))
        .containsExactly("MODALITY1");
    assertThat(r.values(ObservationFields.DICOM_ASSOCIATION))
        .contains("accepted", "rejected-permanent:called-ae-title-not-recognized");
    assertThat(new TreeSet<>(r.values(ObservationFields.DICOM_COMMAND)))
        .containsExactly(
            "C-ECHO-RQ", "C-ECHO-RSP", "C-FIND-RQ", "C-FIND-RSP", "C-STORE-RQ", "C-STORE-RSP");
    assertThat(r.values(ObservationFields.DICOM_ABSTRACT_SYNTAX))
        .contains(
            "Verification SOP Class (1.2.840.10008.1.1)",
            "Secondary Capture Image Storage (1.2.840.10008.5.1.4.1.1.7)",
            "Modality Worklist Information Model - FIND (1.2.840.10008.5.1.4.31)");
    assertThat(new TreeSet<>(r.values(ObservationFields.DICOM_IMPL_CLASS_UID)))
        .containsExactly("1.2.276.0.7230010.3.0.3.6.7");
    assertThat(new TreeSet<>(r.values(ObservationFields.DICOM_IMPL_VERSION)))
        .containsExactly("OFFIS_DCMTK_367");
    assertThat(r.summary().anomalies()).doesNotContainKeys("dicom.bad_pdv", "dicom.bad_pdu_type");
  }

  @Test
  void shouldAgreeWithTsharkOnTitlesImplementationAndSopClassNames() {
    assumeTrue(EngineRun.hasTool("tshark", "--version"), "tshark not installed");
    Path pcap = TestData.file(PCAP);
    List<String> rows =
        EngineRun.run(
            "tshark",
            "-r",
            pcap.toString(),
            "-Y",
            "dicom",
            "-T",
            "fields",
            "-E",
            "occurrence=a",
            "-E",
            "aggregator=|",
            "-e",
            "dicom.assoc.ae.calling",
            "-e",
            "dicom.assoc.ae.called",
            "-e",
            "dicom.userinfo.uid",
            "-e",
            "dicom.userinfo.version",
            "-e",
            "dicom.pctx.abss.syntax");
    Set<String> calling = new TreeSet<>();
    Set<String> called = new TreeSet<>();
    Set<String> uids = new TreeSet<>();
    Set<String> versions = new TreeSet<>();
    Set<String> proposed = new LinkedHashSet<>();
    for (String row : rows) {
      String[] f = row.split("\t", -1);
      add(calling, f[0]);
      add(called, f[1]);
      add(uids, f[2]);
      add(versions, f[3]);
      if (f.length > 4) {
        proposed.addAll(Arrays.asList(f[4].split("\\|")));
      }
    }
    proposed.remove("");
    EngineRun.Result r = run();

    assertThat(new TreeSet<>(r.values(ObservationFields.DICOM_CALLING_AE))).isEqualTo(calling);
    assertThat(new TreeSet<>(r.values(ObservationFields.DICOM_CALLED_AE))).isEqualTo(called);
    assertThat(new TreeSet<>(r.values(ObservationFields.DICOM_IMPL_CLASS_UID))).isEqualTo(uids);
    assertThat(new TreeSet<>(r.values(ObservationFields.DICOM_IMPL_VERSION))).isEqualTo(versions);
    // Every SOP class Ward reports was proposed on the wire, and is named exactly as tshark names
    // it.
    assertThat(proposed).containsAll(r.values(ObservationFields.DICOM_ABSTRACT_SYNTAX));
  }

  private static void add(Set<String> set, String value) {
    String v = value.strip();
    if (!v.isEmpty()) {
      set.add(v);
    }
  }
}
