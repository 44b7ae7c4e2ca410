package io.ward.capture;

/**
 * Packets handed from the reading thread to one worker: their bytes copied back to back into one
 * reused array, their fields into parallel primitive arrays. Recycled through a free queue.
 */
final class PacketBatch {
  static final int MAX_PACKETS = 2048;
  static final int DATA_BYTES = CaptureReader.MAX_RECORD_BYTES;

  final byte[] data = new byte[DATA_BYTES];
  final int[] offset = new int[MAX_PACKETS];
  final int[] captured = new int[MAX_PACKETS];
  final int[] wire = new int[MAX_PACKETS];
  final int[] linkType = new int[MAX_PACKETS];
  final long[] epochNanos = new long[MAX_PACKETS];
  int count;
  int used;

  /** The last batch of the capture: the worker finishes its flows after it. */
  boolean last;

  boolean fits(PacketRecord r) {
    return count < MAX_PACKETS && used + r.capturedLength <= DATA_BYTES;
  }

  void add(PacketRecord r) {
    System.arraycopy(r.buf, r.offset, data, used, r.capturedLength);
    offset[count] = used;
    captured[count] = r.capturedLength;
    wire[count] = r.wireLength;
    linkType[count] = r.linkType;
    epochNanos[count] = r.epochNanos;
    used += r.capturedLength;
    count++;
  }

  void load(int i, PacketRecord r) {
    r.set(data, offset[i], captured[i], wire[i], epochNanos[i], linkType[i]);
  }

  void clear() {
    count = 0;
    used = 0;
    last = false;
  }
}
