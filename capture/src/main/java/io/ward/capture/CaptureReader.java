package io.ward.capture;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * Reads packet records from one capture format. Malformed structure ends the capture at the damage
 * (recorded as a truncation) rather than throwing.
 */
abstract class CaptureReader {
  /**
   * No record is longer: no link type Ward decodes comes close. A pcap record header that says more
   * is damage (its length is all that frames the records); a longer pcapng packet, framed by its
   * block, is cut to this, as the workers' batches hold no longer record.
   */
  static final int MAX_RECORD_BYTES = 1 << 20;

  final String name;
  final ChannelInput in;
  final Counters counters;
  private final List<Integer> linkTypes = new ArrayList<>();
  private final List<String> warnings = new ArrayList<>();
  private long truncatedAt = -1;

  CaptureReader(String name, ChannelInput in, Counters counters) {
    this.name = name;
    this.in = in;
    this.counters = counters;
  }

  /** {@code pcap} or {@code pcapng}. */
  abstract String format();

  /**
   * Fills {@code record} with the next packet; false at the end of the capture or at damage. The
   * record's bytes stay valid until the next call.
   */
  abstract boolean next(PacketRecord record) throws IOException;

  final List<Integer> linkTypes() {
    return List.copyOf(linkTypes);
  }

  final List<String> warnings() {
    return List.copyOf(warnings);
  }

  final OptionalLong truncatedAt() {
    return truncatedAt < 0 ? OptionalLong.empty() : OptionalLong.of(truncatedAt);
  }

  final void addLinkType(int linkType) {
    if (!linkTypes.contains(linkType)) {
      linkTypes.add(linkType);
    }
  }

  /** Ends the capture at {@code offset}: everything before it is analysed. */
  final void damaged(long offset, String problem) {
    truncatedAt = offset;
    String cause = in.damage() != null ? in.damage() : problem;
    warnings.add(
        name
            + ": capture truncated at byte offset "
            + offset
            + " ("
            + cause
            + "); analysed up to the damage");
  }

  /** At the end of the input: damage when bytes of an incomplete record remain. */
  final boolean endOrDamage(String what) {
    if (in.available() > 0 || in.damage() != null) {
      damaged(in.offset(), what);
    }
    return false;
  }
}
