package io.ward.simulate;

import java.util.SplittableRandom;

/** DIMSE command sets (PS3.7 section 9.3) and the small data sets the scenarios exchange. */
final class DicomMessages {
  private DicomMessages() {}

  static final String MWL_FIND = "1.2.840.10008.5.1.4.31";
  static final String STUDY_ROOT_FIND = "1.2.840.10008.5.1.4.1.2.2.1";
  static final String STUDY_ROOT_MOVE = "1.2.840.10008.5.1.4.1.2.2.2";
  static final String CT_STORAGE = "1.2.840.10008.5.1.4.1.1.2";
  static final int SUCCESS = 0x0000;
  static final int PENDING = 0xFF00;
  private static final int NO_DATA_SET = 0x0101;
  private static final int DATA_SET = 0x0000;

  static byte[] cStoreRq(int messageId, String sopClass, String sopInstance) {
    return DicomDataset.command(
        new DicomDataset()
            .uid(0x0000, 0x0002, sopClass)
            .us(0x0000, 0x0100, 0x0001)
            .us(0x0000, 0x0110, messageId)
            .us(0x0000, 0x0700, 0)
            .us(0x0000, 0x0800, DATA_SET)
            .uid(0x0000, 0x1000, sopInstance));
  }

  static byte[] cStoreRsp(int messageId, String sopClass, String sopInstance) {
    return DicomDataset.command(
        new DicomDataset()
            .uid(0x0000, 0x0002, sopClass)
            .us(0x0000, 0x0100, 0x8001)
            .us(0x0000, 0x0120, messageId)
            .us(0x0000, 0x0800, NO_DATA_SET)
            .us(0x0000, 0x0900, SUCCESS)
            .uid(0x0000, 0x1000, sopInstance));
  }

  static byte[] cFindRq(int messageId, String sopClass) {
    return DicomDataset.command(
        new DicomDataset()
            .uid(0x0000, 0x0002, sopClass)
            .us(0x0000, 0x0100, 0x0020)
            .us(0x0000, 0x0110, messageId)
            .us(0x0000, 0x0700, 0)
            .us(0x0000, 0x0800, DATA_SET));
  }

  static byte[] cFindRsp(int messageId, String sopClass, int status) {
    return DicomDataset.command(
        new DicomDataset()
            .uid(0x0000, 0x0002, sopClass)
            .us(0x0000, 0x0100, 0x8020)
            .us(0x0000, 0x0120, messageId)
            .us(0x0000, 0x0800, status == PENDING ? DATA_SET : NO_DATA_SET)
            .us(0x0000, 0x0900, status));
  }

  static byte[] cMoveRq(int messageId, String destination) {
    return DicomDataset.command(
        new DicomDataset()
            .uid(0x0000, 0x0002, STUDY_ROOT_MOVE)
            .us(0x0000, 0x0100, 0x0021)
            .us(0x0000, 0x0110, messageId)
            .text(0x0000, 0x0600, destination)
            .us(0x0000, 0x0700, 0)
            .us(0x0000, 0x0800, DATA_SET));
  }

  static byte[] cMoveRsp(int messageId, int completed) {
    return DicomDataset.command(
        new DicomDataset()
            .uid(0x0000, 0x0002, STUDY_ROOT_MOVE)
            .us(0x0000, 0x0100, 0x8021)
            .us(0x0000, 0x0120, messageId)
            .us(0x0000, 0x0800, NO_DATA_SET)
            .us(0x0000, 0x0900, SUCCESS)
            .us(0x0000, 0x1020, 0)
            .us(0x0000, 0x1021, completed)
            .us(0x0000, 0x1022, 0)
            .us(0x0000, 0x1023, 0));
  }

  /** A small image: the identifying attributes and a few rows of 12-bit noise. */
  static byte[] image(
      String sopClass,
      String sopInstance,
      String modality,
      PlannedDevice source,
      FakePatient p,
      String studyUid,
      String seriesUid,
      long micros,
      int rows,
      SplittableRandom rnd) {
    byte[] pixels = new byte[rows * rows * 2];
    for (int i = 0; i < pixels.length; i += 2) {
      int v = rnd.nextInt(4096);
      pixels[i] = (byte) v;
      pixels[i + 1] = (byte) (v >>> 8);
    }
    return new DicomDataset()
        .uid(0x0008, 0x0016, sopClass)
        .uid(0x0008, 0x0018, sopInstance)
        .text(0x0008, 0x0020, CaptureClock.date(micros))
        .text(0x0008, 0x0060, modality)
        .text(0x0008, 0x0070, source.model.vendor())
        .text(0x0008, 0x1090, source.model.model())
        .text(0x0010, 0x0010, p.name())
        .text(0x0010, 0x0020, p.mrn())
        .text(0x0018, 0x1020, source.firmware)
        .uid(0x0020, 0x000D, studyUid)
        .uid(0x0020, 0x000E, seriesUid)
        .us(0x0028, 0x0002, 1)
        .text(0x0028, 0x0004, "MONOCHROME2")
        .us(0x0028, 0x0010, rows)
        .us(0x0028, 0x0011, rows)
        .us(0x0028, 0x0100, 16)
        .us(0x0028, 0x0101, 12)
        .us(0x0028, 0x0102, 11)
        .us(0x0028, 0x0103, 0)
        .raw(0x7FE0, 0x0010, pixels)
        .toArray();
  }

  /** A modality worklist query for today's procedure steps on this station. */
  static byte[] worklistQuery(String modality, String stationAe, long micros) {
    DicomDataset sps =
        new DicomDataset()
            .text(0x0008, 0x0060, modality)
            .text(0x0040, 0x0001, stationAe)
            .text(0x0040, 0x0002, CaptureClock.date(micros));
    return new DicomDataset()
        .text(0x0008, 0x0050, "")
        .text(0x0010, 0x0010, "")
        .text(0x0010, 0x0020, "")
        .sequence(0x0040, 0x0100, sps)
        .toArray();
  }

  /** One worklist entry. */
  static byte[] worklistItem(
      String modality,
      String stationAe,
      long micros,
      FakePatient p,
      String accession,
      String studyUid) {
    DicomDataset sps =
        new DicomDataset()
            .text(0x0008, 0x0060, modality)
            .text(0x0040, 0x0001, stationAe)
            .text(0x0040, 0x0002, CaptureClock.date(micros));
    return new DicomDataset()
        .text(0x0008, 0x0050, accession)
        .text(0x0010, 0x0010, p.name())
        .text(0x0010, 0x0020, p.mrn())
        .uid(0x0020, 0x000D, studyUid)
        .sequence(0x0040, 0x0100, sps)
        .toArray();
  }

  /** A study-level query (C-FIND, study root). */
  static byte[] studyQuery(String patientId) {
    return new DicomDataset()
        .text(0x0008, 0x0020, "")
        .text(0x0008, 0x0052, "STUDY")
        .text(0x0010, 0x0010, "")
        .text(0x0010, 0x0020, patientId)
        .uid(0x0020, 0x000D, "")
        .toArray();
  }

  static byte[] studyResult(FakePatient p, String studyUid, long micros) {
    return new DicomDataset()
        .text(0x0008, 0x0020, CaptureClock.date(micros))
        .text(0x0008, 0x0052, "STUDY")
        .text(0x0010, 0x0010, p.name())
        .text(0x0010, 0x0020, p.mrn())
        .uid(0x0020, 0x000D, studyUid)
        .toArray();
  }

  /** The identifier of a study-level C-MOVE. */
  static byte[] moveIdentifier(String studyUid) {
    return new DicomDataset().text(0x0008, 0x0052, "STUDY").uid(0x0020, 0x000D, studyUid).toArray();
  }

  /** A fresh UID under the device's implementation root, at most 64 characters. */
  static String uid(PlannedDevice d, String root, long micros, int n) {
    String u = root + "." + d.index + "." + micros + "." + n;
    return u.length() <= 64 ? u : u.substring(0, 64);
  }
}
