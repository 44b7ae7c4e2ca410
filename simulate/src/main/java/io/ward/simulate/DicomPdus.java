package io.ward.simulate;

import java.util.List;

/** DICOM upper-layer PDUs (PS3.8 section 9.3): association, data transfer, release. */
final class DicomPdus {
  private DicomPdus() {}

  static final String APPLICATION_CONTEXT = "1.2.840.10008.3.1.1.1";
  static final String IMPLICIT_LE = "1.2.840.10008.1.2";
  static final String EXPLICIT_LE = "1.2.840.10008.1.2.1";
  static final int MAX_PDU = 16384;

  /** A-ASSOCIATE-RQ proposing one presentation context (ids 1, 3, 5…) per abstract syntax. */
  static byte[] associateRq(
      String called,
      String calling,
      List<String> abstractSyntaxes,
      String implUid,
      String implVersion) {
    Bytes items = new Bytes(512);
    item(items, 0x10, Bytes.text(APPLICATION_CONTEXT));
    for (int i = 0; i < abstractSyntaxes.size(); i++) {
      Bytes pc = new Bytes(128).u8(1 + 2 * i).u8(0).u8(0).u8(0);
      item(pc, 0x30, Bytes.text(abstractSyntaxes.get(i)));
      item(pc, 0x40, Bytes.text(EXPLICIT_LE));
      item(pc, 0x40, Bytes.text(IMPLICIT_LE));
      item(items, 0x20, pc.toArray());
    }
    item(items, 0x50, userInfo(implUid, implVersion));
    return associate(0x01, called, calling, items);
  }

  /** A-ASSOCIATE-AC accepting every proposed context with implicit VR little endian. */
  static byte[] associateAc(
      String called, String calling, int contexts, String implUid, String implVersion) {
    Bytes items = new Bytes(256);
    item(items, 0x10, Bytes.text(APPLICATION_CONTEXT));
    for (int i = 0; i < contexts; i++) {
      Bytes pc = new Bytes(32).u8(1 + 2 * i).u8(0).u8(0).u8(0); // result 0: acceptance
      item(pc, 0x40, Bytes.text(IMPLICIT_LE));
      item(items, 0x21, pc.toArray());
    }
    item(items, 0x50, userInfo(implUid, implVersion));
    return associate(0x02, called, calling, items);
  }

  private static byte[] userInfo(String implUid, String implVersion) {
    Bytes ui = new Bytes(96);
    item(ui, 0x51, new Bytes(4).u32(MAX_PDU).toArray());
    item(ui, 0x52, Bytes.text(implUid));
    item(
        ui,
        0x55,
        Bytes.text(implVersion.length() > 16 ? implVersion.substring(0, 16) : implVersion));
    return ui.toArray();
  }

  private static byte[] associate(int type, String called, String calling, Bytes items) {
    Bytes b = new Bytes(items.length() + 80);
    b.u8(type).u8(0).u32(68 + items.length());
    b.u16(1).u16(0); // protocol version 1
    b.fixed(called, 16, ' ').fixed(calling, 16, ' ');
    b.zeros(32);
    b.bytes(items);
    return b.toArray();
  }

  private static void item(Bytes b, int type, byte[] value) {
    b.u8(type).u8(0).u16(value.length).bytes(value);
  }

  /**
   * A P-DATA-TF PDU with one PDV per fragment.
   *
   * @param command true for command-set fragments, false for data-set fragments
   */
  static byte[] pData(int contextId, boolean command, byte[] data) {
    Bytes b = new Bytes(data.length + 12);
    b.u8(0x04).u8(0).u32(data.length + 6);
    b.u32(data.length + 2).u8(contextId).u8((command ? 0x01 : 0x00) | 0x02); // last fragment
    b.bytes(data);
    return b.toArray();
  }

  /** A P-DATA-TF PDU holding a command and its data set as two PDVs. */
  static byte[] pData(int contextId, byte[] commandSet, byte[] dataSet) {
    Bytes b = new Bytes(commandSet.length + dataSet.length + 20);
    b.u8(0x04).u8(0).u32(commandSet.length + dataSet.length + 12);
    b.u32(commandSet.length + 2).u8(contextId).u8(0x03).bytes(commandSet);
    b.u32(dataSet.length + 2).u8(contextId).u8(0x02).bytes(dataSet);
    return b.toArray();
  }

  static byte[] releaseRq() {
    return new Bytes(10).u8(0x05).u8(0).u32(4).u32(0).toArray();
  }

  static byte[] releaseRp() {
    return new Bytes(10).u8(0x06).u8(0).u32(4).u32(0).toArray();
  }
}
