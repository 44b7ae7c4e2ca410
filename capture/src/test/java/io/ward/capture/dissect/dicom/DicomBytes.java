package io.ward.capture.dissect.dicom;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Builds DICOM upper-layer PDUs (PS3.8 section 9.3) byte by byte for tests. */
final class DicomBytes {
  private DicomBytes() {}

  static final String VERIFICATION = "1.2.840.10008.1.1";
  static final String CT_STORAGE = "1.2.840.10008.5.1.4.1.1.2";
  static final String IMPLICIT_LE = "1.2.840.10008.1.2";
  static final String APP_CONTEXT = "1.2.840.10008.3.1.1.1";

  /** A-ASSOCIATE-RQ proposing one context per abstract syntax (ids 1, 3, 5…). */
  static byte[] associateRq(
      String called, String calling, String implUid, String implVersion, String... abstracts) {
    ByteArrayOutputStream items = new ByteArrayOutputStream();
    item(items, 0x10, ascii(APP_CONTEXT));
    for (int i = 0; i < abstracts.length; i++) {
      ByteArrayOutputStream pc = new ByteArrayOutputStream();
      pc.write(1 + 2 * i);
      pc.write(0);
      pc.write(0);
      pc.write(0);
      item(pc, 0x30, uid(abstracts[i]));
      item(pc, 0x40, uid(IMPLICIT_LE));
      item(items, 0x20, pc.toByteArray());
    }
    item(items, 0x50, userInfo(implUid, implVersion, -1));
    return pdu(0x01, associateFixed(called, calling, items.toByteArray()));
  }

  /** A-ASSOCIATE-AC answering contexts 1, 3, 5… with the given results (0 = acceptance). */
  static byte[] associateAc(
      String called, String calling, String implUid, String implVersion, int... results) {
    ByteArrayOutputStream items = new ByteArrayOutputStream();
    item(items, 0x10, ascii(APP_CONTEXT));
    for (int i = 0; i < results.length; i++) {
      ByteArrayOutputStream pc = new ByteArrayOutputStream();
      pc.write(1 + 2 * i);
      pc.write(0);
      pc.write(results[i]);
      pc.write(0);
      item(pc, 0x40, uid(IMPLICIT_LE));
      item(items, 0x21, pc.toByteArray());
    }
    item(items, 0x50, userInfo(implUid, implVersion, -1));
    return pdu(0x02, associateFixed(called, calling, items.toByteArray()));
  }

  /** User information with optional user identity (type, username "secret-user"). */
  static byte[] userInfo(String implUid, String implVersion, int identityType) {
    ByteArrayOutputStream ui = new ByteArrayOutputStream();
    item(ui, 0x51, new byte[] {0, 0, 0x40, 0});
    item(ui, 0x52, uid(implUid));
    if (implVersion != null) {
      item(ui, 0x55, ascii(implVersion));
    }
    if (identityType > 0) {
      byte[] user = ascii("secret-user");
      ByteArrayOutputStream id = new ByteArrayOutputStream();
      id.write(identityType);
      id.write(0);
      id.write(0);
      id.write(user.length);
      id.writeBytes(user);
      id.write(0);
      id.write(0);
      item(ui, 0x58, id.toByteArray());
    }
    return ui.toByteArray();
  }

  static byte[] associateRqWithIdentity(String called, String calling, int identityType) {
    ByteArrayOutputStream items = new ByteArrayOutputStream();
    item(items, 0x10, ascii(APP_CONTEXT));
    item(items, 0x50, userInfo("1.2.3.4", "TEST_1", identityType));
    return pdu(0x01, associateFixed(called, calling, items.toByteArray()));
  }

  static byte[] reject(int result, int source, int reason) {
    return pdu(0x03, new byte[] {0, (byte) result, (byte) source, (byte) reason});
  }

  static byte[] releaseRq() {
    return pdu(0x05, new byte[4]);
  }

  /** A P-DATA-TF holding one PDV: a command (last fragment) or a data set fragment. */
  static byte[] pdata(int contextId, boolean command, boolean last, byte[] fragment) {
    ByteArrayOutputStream pdv = new ByteArrayOutputStream();
    int len = fragment.length + 2;
    pdv.write(len >>> 24);
    pdv.write(len >>> 16);
    pdv.write(len >>> 8);
    pdv.write(len);
    pdv.write(contextId);
    pdv.write((command ? 1 : 0) | (last ? 2 : 0));
    pdv.writeBytes(fragment);
    return pdu(0x04, pdv.toByteArray());
  }

  /** A command set in implicit VR little endian with CommandField and affected SOP class. */
  static byte[] command(int commandField, String affectedSopClass) {
    ByteArrayOutputStream cmd = new ByteArrayOutputStream();
    if (affectedSopClass != null) {
      element(cmd, 0x0002, uid(affectedSopClass));
    }
    element(cmd, 0x0100, new byte[] {(byte) commandField, (byte) (commandField >>> 8)});
    element(cmd, 0x0110, new byte[] {1, 0});
    element(cmd, 0x0800, new byte[] {0x01, 0x01});
    return cmd.toByteArray();
  }

  static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  private static void element(ByteArrayOutputStream out, int element, byte[] value) {
    out.write(0);
    out.write(0);
    out.write(element);
    out.write(element >>> 8);
    out.write(value.length);
    out.write(value.length >>> 8);
    out.write(0);
    out.write(0);
    out.writeBytes(value);
  }

  private static byte[] associateFixed(String called, String calling, byte[] items) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.write(0);
    b.write(1);
    b.write(0);
    b.write(0);
    b.writeBytes(ae(called));
    b.writeBytes(ae(calling));
    b.writeBytes(new byte[32]);
    b.writeBytes(items);
    return b.toByteArray();
  }

  static byte[] pdu(int type, byte[] body) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.write(type);
    b.write(0);
    b.write(body.length >>> 24);
    b.write(body.length >>> 16);
    b.write(body.length >>> 8);
    b.write(body.length);
    b.writeBytes(body);
    return b.toByteArray();
  }

  private static void item(ByteArrayOutputStream out, int type, byte[] value) {
    out.write(type);
    out.write(0);
    out.write(value.length >>> 8);
    out.write(value.length);
    out.writeBytes(value);
  }

  private static byte[] ae(String title) {
    byte[] b = new byte[16];
    java.util.Arrays.fill(b, (byte) ' ');
    byte[] t = ascii(title);
    System.arraycopy(t, 0, b, 0, Math.min(16, t.length));
    return b;
  }

  /** A UID padded with NUL to even length, as PS3.5 section 9.1 requires. */
  private static byte[] uid(String uid) {
    byte[] t = ascii(uid);
    return t.length % 2 == 0 ? t : java.util.Arrays.copyOf(t, t.length + 1);
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
