package io.ward.capture.dissect.hl7;

import java.util.Arrays;

/**
 * The parts of an HL7 message that decide what {@link Hl7MessageParser} reads from it, found in one
 * pass over the bytes, as a key: the first segment with MSH-7 (time of message) and MSH-10 (control
 * id) emptied, any later MSH segment whole, OBX-18 of every OBX segment, PRT-10, PRT-16 and PRT-20
 * of every PRT segment, the last SFT segment whole, and whether a PID segment is present. Two
 * messages with equal keys parse to equal results, so a device that sends the same kind of message
 * every few seconds, with only its time, control id, patient and values changing, is parsed once
 * per kind (see {@link Hl7MessageParser#parse}).
 *
 * <p>Only messages where that holds by construction get a key: ASCII (so the text is the bytes),
 * MSH first with no leading blank and no field separator among its encoding characters (indexes
 * 4-7), a first segment of 8 to {@link #MAX_HEADER_BYTES} bytes, at most {@link #MAX_SEGMENTS}
 * segments, ER7 encoding as HAPI detects it, and no {@code <MSH.} marker anywhere (both decide how
 * the header is read, from the whole text). Any other message is parsed in full, every time. Not
 * thread-safe: one per worker thread, reused.
 */
final class MessageShape {

  /** Longer first segments are parsed every time, as {@link MshHeaderCache} does. */
  static final int MAX_HEADER_BYTES = MshHeaderCache.MAX_KEY_CHARS;

  /** Far below {@link Er7Segments#MAX_SEGMENTS}, so that no segment the parser skips is keyed. */
  static final int MAX_SEGMENTS = 1_000;

  /**
   * Keys longer than this are not made: the message is parsed in full. With {@code Memo}'s entry
   * bound it caps what hostile traffic can make the memo hold.
   */
  static final int MAX_KEY_BYTES = 2_048;

  private static final byte CR = '\r';
  private static final byte LF = '\n';

  private final byte[] key = new byte[MAX_KEY_BYTES];
  private int length;

  /** Set when a part did not fit in {@link #MAX_KEY_BYTES}: the key is then not made. */
  private boolean tooLong;

  /**
   * Makes the key of {@code bytes[offset, offset + count)} and returns true, or returns false when
   * the message is not one whose key decides its parse.
   *
   * <p>One pass over the bytes, not one per check: the ASCII, ER7 and {@code <MSH.} checks, the
   * segment split and the field positions were five scans of every message, a tenth of the whole
   * analysis on the bench capture under the C1 compiler. A table classes each byte, so an ordinary
   * character costs one load and one branch; the few special ones are handled where they occur.
   */
  boolean read(byte[] bytes, int offset, int count) {
    length = 0;
    tooLong = false;
    int end = offset + count;
    if (count < 8 || bytes[offset] != 'M' || bytes[offset + 1] != 'S' || bytes[offset + 2] != 'H') {
      return false;
    }
    byte sep = bytes[offset + 3];
    if (CLASSES[sep & 0xFF] != ORDINARY) {
      return false; // a separator that is also a line end, '<' or not ASCII: parsed in full
    }
    for (int i = offset + 4; i < offset + 8; i++) {
      if (bytes[i] == sep) {
        return false; // HAPI numbers MSH fields from index 9 then: see MshHeaderCache.maskedHeader
      }
    }
    byte[] classes = this.classes;
    classes[sep & 0xFF] = SEPARATOR;
    try {
      return scan(bytes, offset, end, sep, classes);
    } finally {
      classes[sep & 0xFF] = ORDINARY;
    }
  }

  private boolean scan(byte[] b, int offset, int end, byte sep, byte[] classes) {
    // The ER7 check counts separators after the first character; indexes 1 and 2 are 'S' and 'H'.
    int separators = (b[offset + 1] == sep ? 1 : 0) + (b[offset + 2] == sep ? 1 : 0);
    boolean pid = false;
    int lastSft = -1;
    int lastSftEnd = -1;
    int segments = 0;
    int segmentStart = offset;
    int fieldSeps = 0; // separators seen in the current segment, the first MAX_FIELD_SEPS kept
    int[] seps = this.seps;
    // Index 3 is the separator; counted below as any other. Indexes 0-2 ("MSH") hold none of the
    // special characters, and a separator equal to one of them is not a field boundary of MSH.
    long sepWord = ByteWords.broadcast(sep);
    int i = offset + 3;
    while (i <= end) {
      if (i + 8 <= end) {
        // Eight bytes at once while none is a line end, '<' or not ASCII: only separators are
        // counted (and the first ones of a segment placed), which a byte-at-a-time loop under
        // the C1 compiler did at more than twice the cost.
        long x = ByteWords.word(b, i);
        long special =
            (x & ByteWords.HIGH_BITS)
                | ByteWords.equalBytes(x, CR_WORD)
                | ByteWords.equalBytes(x, LF_WORD)
                | ByteWords.equalBytes(x, LT_WORD);
        if (special == 0) {
          long found = ByteWords.equalBytes(x, sepWord);
          if (found != 0) {
            int n = ByteWords.countBytes(found);
            separators += n;
            for (; found != 0 && fieldSeps < MAX_FIELD_SEPS; found &= found - 1) {
              seps[fieldSeps++] = i + ByteWords.firstByte(found);
              n--;
            }
            fieldSeps += n;
          }
          i += 8;
          continue;
        }
      }
      byte kind;
      if (i == end) {
        kind = LINE_END;
      } else {
        kind = classes[b[i] & 0xFF];
        if (kind == ORDINARY) {
          i++;
          continue;
        }
      }
      switch (kind) {
        case SEPARATOR:
          separators++;
          if (fieldSeps < MAX_FIELD_SEPS) {
            seps[fieldSeps] = i;
          }
          fieldSeps++;
          break;
        case NOT_ASCII:
          return false;
        case LESS_THAN:
          if (i + XML_MARKER.length <= end
              && Arrays.equals(b, i, i + XML_MARKER.length, XML_MARKER, 0, XML_MARKER.length)) {
            return false;
          }
          break;
        default: // CR, LF, or the end of the message
          if (i > segmentStart) {
            if (++segments > MAX_SEGMENTS) {
              return false;
            }
            if (segmentStart == offset) {
              int n = i - offset;
              if (n < 8 || n > MAX_HEADER_BYTES || !header(b, offset, i)) {
                return false;
              }
            } else if (isSegment(b, segmentStart, i, sep, 'O', 'B', 'X')) {
              field(segmentStart, i, fieldSeps, 18, (byte) 'O', b);
            } else if (isSegment(b, segmentStart, i, sep, 'P', 'R', 'T')) {
              field(segmentStart, i, fieldSeps, 10, (byte) 'P', b);
              field(segmentStart, i, fieldSeps, 16, (byte) 'U', b);
              field(segmentStart, i, fieldSeps, 20, (byte) 'N', b);
            } else if (isSegment(b, segmentStart, i, sep, 'P', 'I', 'D')) {
              pid = true;
            } else if (isSegment(b, segmentStart, i, sep, 'M', 'S', 'H')) {
              // A second MSH: the lenient header reading takes each MSH field from the first MSH
              // segment that has it, so a later one can fill a field the first lacks.
              part((byte) 'M', b, segmentStart, i);
            } else if (isSegment(b, segmentStart, i, sep, 'S', 'F', 'T')) {
              lastSft = segmentStart;
              lastSftEnd = i;
            }
          }
          if (i < end && b[i] == CR && !er7SegmentAfter(b, i + 1, end, sep)) {
            return false;
          }
          segmentStart = i + 1;
          fieldSeps = 0;
          break;
      }
      i++;
    }
    if (separators < 11) {
      return false; // not ER7 as HAPI detects it: see er7
    }
    if (lastSft >= 0) {
      part((byte) 'S', b, lastSft, lastSftEnd);
    }
    put((byte) (pid ? 'I' : 'i'));
    return !tooLong;
  }

  /**
   * The ER7 check of the CR-separated segment starting at {@code start}: after its leading
   * whitespace, a segment of four or more characters has the field separator fourth. The whitespace
   * skipped belongs to this segment only, so all the calls together read each byte at most once
   * more.
   */
  private static boolean er7SegmentAfter(byte[] b, int start, int end, byte sep) {
    int first = start;
    while (first < end && b[first] != CR && whitespace(b[first])) {
      first++;
    }
    return first + 3 >= end
        || b[first] == CR
        || b[first + 1] == CR
        || b[first + 2] == CR
        || b[first + 3] == CR
        || b[first + 3] == sep;
  }

  /**
   * The key made by the last successful {@link #read}, over this reader's own buffer: for looking
   * up only, as the next read overwrites it. Most messages repeat a kind already in the memo, so
   * their key is never copied (copies were half of the HL7 dissector's allocation).
   */
  Key probe() {
    return new Key(key, length, Key.hash(key, length));
  }

  /** The key made by the last successful {@link #read}, copied, to keep. */
  Key key() {
    return probe().copy();
  }

  /** A key: a byte sequence, compared by content. */
  static final class Key implements Comparable<Key> {
    private final byte[] bytes;
    private final int length;
    private final int hash;

    private Key(byte[] bytes, int length, int hash) {
      this.bytes = bytes;
      this.length = length;
      this.hash = hash;
    }

    /** This key in an array of its own. */
    Key copy() {
      return new Key(Arrays.copyOf(bytes, length), length, hash);
    }

    /**
     * Eight bytes at a step, mixed by multiplication (the previous form, 31 times per byte, cost
     * more than the scan that made the key). A weak hash costs only time: colliding keys share a
     * HashMap bin, which is searched as a tree by {@link #compareTo}.
     */
    static int hash(byte[] b, int n) {
      long h = n;
      int i = 0;
      for (; i + Long.BYTES <= n; i += Long.BYTES) {
        h = (h ^ ByteWords.word(b, i)) * 0x9E3779B97F4A7C15L;
        h ^= h >>> 29;
      }
      for (; i < n; i++) {
        h = (h ^ (b[i] & 0xFF)) * 0x9E3779B97F4A7C15L;
      }
      return (int) (h ^ (h >>> 32));
    }

    /** The key's length in bytes. */
    int length() {
      return length;
    }

    @Override
    public int hashCode() {
      return hash;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Key k
          && hash == k.hash
          && Arrays.equals(bytes, 0, length, k.bytes, 0, k.length);
    }

    /**
     * Consistent with {@link #equals}. Keys whose hashes collide, which hostile traffic can make at
     * will, then share a HashMap bin searched as an ordered tree, in logarithmic rather than linear
     * time.
     */
    @Override
    public int compareTo(Key o) {
      return Arrays.compare(bytes, 0, length, o.bytes, 0, o.length);
    }
  }

  /**
   * The first segment, MSH-7 and MSH-10 emptied and every separator kept, as {@link
   * MshHeaderCache#maskedHeader} does (MSH-1 is the separator at index 3, so the k-th separator
   * from there starts MSH-(k+1)). False when it holds a form feed, where HAPI's header ends but the
   * parser's first segment does not.
   */
  private boolean header(byte[] b, int start, int stop) {
    if (ByteWords.indexOf(b, start, stop, (byte) '\f') >= 0) {
      return false;
    }
    byte sep = b[start + 3];
    put((byte) 'H');
    int lengthAt = length;
    putInt(0);
    // Field by field: each kept field's bytes copied at once, then its separator.
    int field = 1;
    int from = start;
    for (int at = ByteWords.indexOf(b, start + 3, stop, sep);
        at >= 0;
        at = ByteWords.indexOf(b, at + 1, stop, sep)) {
      if (field != 7 && field != 10) {
        putBytes(b, from, at);
      }
      put(sep);
      field++;
      from = at + 1;
    }
    if (field != 7 && field != 10) {
      putBytes(b, from, stop);
    }
    if (!tooLong) {
      setInt(lengthAt, length - lengthAt - 4);
    }
    return true;
  }

  /**
   * Field {@code number} of the segment {@code [start, stop)} (0 is its id), raw, or a mark that it
   * is absent, from the positions of its first separators that {@link #scan} kept.
   */
  private void field(int start, int stop, int fieldSeps, int number, byte tag, byte[] b) {
    if (fieldSeps < number) {
      put((byte) (tag | 0x20)); // lower case: absent
      return;
    }
    int from = seps[number - 1] + 1;
    int to = fieldSeps > number ? seps[number] : stop;
    part(tag, b, from, to);
  }

  /** True when the segment has this id, as {@code Er7Segments} identifies segments. */
  private static boolean isSegment(
      byte[] b, int start, int stop, byte sep, char c0, char c1, char c2) {
    int n = stop - start;
    return n >= 3
        && (n == 3 || b[start + 3] == sep)
        && b[start] == c0
        && b[start + 1] == c1
        && b[start + 2] == c2;
  }

  private static final byte[] XML_MARKER = {'<', 'M', 'S', 'H', '.'};

  /** Byte classes of {@link #scan}: most bytes are ordinary and cost one table load. */
  private static final byte ORDINARY = 0;

  private static final byte SEPARATOR = 1;
  private static final byte NOT_ASCII = 2;
  private static final byte LESS_THAN = 3;
  private static final byte LINE_END = 4;

  private static final byte[] CLASSES = new byte[256];

  static {
    for (int c = 0x80; c < 0x100; c++) {
      CLASSES[c] = NOT_ASCII;
    }
    CLASSES['<'] = LESS_THAN;
    CLASSES[CR] = LINE_END;
    CLASSES[LF] = LINE_END;
  }

  private static final long CR_WORD = ByteWords.broadcast(CR);
  private static final long LF_WORD = ByteWords.broadcast(LF);
  private static final long LT_WORD = ByteWords.broadcast('<');

  /** Separators kept per segment: enough to find PRT-20, the highest field keyed. */
  private static final int MAX_FIELD_SEPS = 21;

  /** {@link #CLASSES} with the current message's field separator marked; restored after each. */
  private final byte[] classes = CLASSES.clone();

  /** Where the current segment's first separators are. */
  private final int[] seps = new int[MAX_FIELD_SEPS];

  /** {@link Character#isWhitespace} for an ASCII character. */
  private static boolean whitespace(byte c) {
    return c == ' ' || (c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x1F);
  }

  private void part(byte tag, byte[] b, int from, int to) {
    put(tag);
    putInt(to - from);
    putBytes(b, from, to);
  }

  private void putBytes(byte[] b, int from, int to) {
    if (fits(to - from)) {
      System.arraycopy(b, from, key, length, to - from);
      length += to - from;
    }
  }

  private void put(byte c) {
    if (fits(1)) {
      key[length++] = c;
    }
  }

  private void putInt(int v) {
    if (fits(4)) {
      setInt(length, v);
      length += 4;
    }
  }

  private void setInt(int at, int v) {
    key[at] = (byte) (v >>> 24);
    key[at + 1] = (byte) (v >>> 16);
    key[at + 2] = (byte) (v >>> 8);
    key[at + 3] = (byte) v;
  }

  /** True when {@code more} bytes fit in the key; otherwise marks it too long. */
  private boolean fits(int more) {
    if (tooLong || length + more > key.length) {
      tooLong = true;
      return false;
    }
    return true;
  }
}
