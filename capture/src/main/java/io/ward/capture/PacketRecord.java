package io.ward.capture;

/**
 * One packet record as read from the capture: a view into a reused buffer, valid until the reader
 * is asked for the next one. One instance per reader, never one per packet.
 */
final class PacketRecord {
  byte[] buf;
  int offset;
  int capturedLength;
  int wireLength;
  long epochNanos;
  int linkType;

  void set(
      byte[] buf, int offset, int capturedLength, int wireLength, long epochNanos, int linkType) {
    this.buf = buf;
    this.offset = offset;
    this.capturedLength = capturedLength;
    this.wireLength = wireLength;
    this.epochNanos = epochNanos;
    this.linkType = linkType;
  }
}
