package io.ward.simulate;

/**
 * Implicit VR little-endian encoding (PS3.5 section 7.1.3): elements in ascending tag order, values
 * padded to even length (UIDs with NUL, text with space), for command sets and data sets.
 */
final class DicomDataset {
  private final Bytes b = new Bytes(256);

  DicomDataset uid(int group, int element, String uid) {
    byte[] v = Bytes.text(uid);
    header(group, element, v.length + (v.length & 1));
    b.bytes(v);
    if ((v.length & 1) != 0) {
      b.u8(0);
    }
    return this;
  }

  DicomDataset text(int group, int element, String text) {
    byte[] v = Bytes.text(text);
    header(group, element, v.length + (v.length & 1));
    b.bytes(v);
    if ((v.length & 1) != 0) {
      b.u8(' ');
    }
    return this;
  }

  DicomDataset us(int group, int element, int value) {
    header(group, element, 2);
    b.u16le(value);
    return this;
  }

  DicomDataset ul(int group, int element, long value) {
    header(group, element, 4);
    b.u32le(value);
    return this;
  }

  DicomDataset raw(int group, int element, byte[] value) {
    header(group, element, value.length);
    b.bytes(value);
    return this;
  }

  /** A sequence of one item with defined lengths. */
  DicomDataset sequence(int group, int element, DicomDataset item) {
    byte[] body = item.toArray();
    header(group, element, body.length + 8);
    b.u16le(0xFFFE).u16le(0xE000).u32le(body.length);
    b.bytes(body);
    return this;
  }

  private void header(int group, int element, int length) {
    b.u16le(group).u16le(element).u32le(length);
  }

  int length() {
    return b.length();
  }

  byte[] toArray() {
    return b.toArray();
  }

  /** A command set: (0000,0000) group length followed by the elements. */
  static byte[] command(DicomDataset elements) {
    byte[] body = elements.toArray();
    return new DicomDataset().ul(0x0000, 0x0000, body.length).raw0(body);
  }

  private byte[] raw0(byte[] body) {
    b.bytes(body);
    return b.toArray();
  }
}
