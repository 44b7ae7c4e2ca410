package io.ward.capture.dissect.hl7;

import io.ward.capture.dissect.Ascii;
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
   */
  boolean read(byte[] bytes, int offset, int count) {
    length = 0;
    tooLong = false;
    int end = offset + count;
    if (count < 8
        || bytes[offset] != 'M'
        || bytes[offset + 1] != 'S'
        || bytes[offset + 2] != 'H'
        || !Ascii.isAscii(bytes, offset, end)
        || !er7(bytes, offset, end)
        || contains(bytes, offset, end, XML_MARKER)) {
      return false;
    }
    byte sep = bytes[offset + 3];
    for (int i = offset + 4; i < offset + 8; i++) {
      if (bytes[i] == sep) {
        return false; // HAPI numbers MSH fields from index 9 then: see MshHeaderCache.maskedHeader
      }
    }
    boolean pid = false;
    int lastSft = -1;
    int lastSftEnd = -1;
    int segments = 0;
    int start = offset;
    while (start < end) {
      int stop = segmentEnd(bytes, start, end);
      if (stop > start) {
        if (++segments > MAX_SEGMENTS) {
          return false;
        }
        if (start == offset) {
          if (stop - start < 8 || stop - start > MAX_HEADER_BYTES || !header(bytes, start, stop)) {
            return false;
          }
        } else if (isSegment(bytes, start, stop, sep, 'O', 'B', 'X')) {
          field(bytes, start, stop, sep, 18, (byte) 'O');
        } else if (isSegment(bytes, start, stop, sep, 'P', 'R', 'T')) {
          field(bytes, start, stop, sep, 10, (byte) 'P');
          field(bytes, start, stop, sep, 16, (byte) 'U');
          field(bytes, start, stop, sep, 20, (byte) 'N');
        } else if (isSegment(bytes, start, stop, sep, 'P', 'I', 'D')) {
          pid = true;
        } else if (isSegment(bytes, start, stop, sep, 'M', 'S', 'H')) {
          // A second MSH: the lenient header reading takes each MSH field from the first MSH
          // segment that has it, so a later one can fill a field the first lacks.
          part((byte) 'M', bytes, start, stop);
        } else if (isSegment(bytes, start, stop, sep, 'S', 'F', 'T')) {
          lastSft = start;
          lastSftEnd = stop;
        }
      }
      start = stop + 1;
    }
    if (lastSft >= 0) {
      part((byte) 'S', bytes, lastSft, lastSftEnd);
    }
    put((byte) (pid ? 'I' : 'i'));
    return !tooLong;
  }

  /** The key made by the last successful {@link #read}, copied. */
  Key key() {
    return new Key(Arrays.copyOf(key, length));
  }

  /** A key kept in the memo. */
  static final class Key implements Comparable<Key> {
    private final byte[] bytes;
    private final int hash;

    private Key(byte[] bytes) {
      this.bytes = bytes;
      this.hash = hash(bytes, bytes.length);
    }

    private static int hash(byte[] b, int n) {
      int h = 1;
      for (int i = 0; i < n; i++) {
        h = 31 * h + b[i];
      }
      return h;
    }

    /** The key's length in bytes. */
    int length() {
      return bytes.length;
    }

    @Override
    public int hashCode() {
      return hash;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && Arrays.equals(bytes, k.bytes);
    }

    /**
     * Consistent with {@link #equals}. Keys whose hashes collide, which hostile traffic can make at
     * will, then share a HashMap bin searched as an ordered tree, in logarithmic rather than linear
     * time.
     */
    @Override
    public int compareTo(Key o) {
      return Arrays.compare(bytes, o.bytes);
    }
  }

  /**
   * The first segment, MSH-7 and MSH-10 emptied and every separator kept, as {@link
   * MshHeaderCache#maskedHeader} does (MSH-1 is the separator at index 3, so the k-th separator
   * from there starts MSH-(k+1)). False when it holds a form feed, where HAPI's header ends but the
   * parser's first segment does not.
   */
  private boolean header(byte[] b, int start, int stop) {
    byte sep = b[start + 3];
    put((byte) 'H');
    int lengthAt = length;
    putInt(0);
    int field = 1;
    for (int i = start; i < stop; i++) {
      byte c = b[i];
      if (c == '\f') {
        return false;
      }
      if (i >= start + 3 && c == sep) {
        field++;
        put(c);
      } else if (field != 7 && field != 10) {
        put(c);
      }
    }
    if (!tooLong) {
      setInt(lengthAt, length - lengthAt - 4);
    }
    return true;
  }

  /** Field {@code number} of a segment (0 is its id), raw, or a mark that it is absent. */
  private void field(byte[] b, int start, int stop, byte sep, int number, byte tag) {
    int pos = start;
    for (int i = 0; i < number; i++) {
      pos = indexOf(b, sep, pos, stop);
      if (pos < 0) {
        put((byte) (tag | 0x20)); // lower case: absent
        return;
      }
      pos++;
    }
    int next = indexOf(b, sep, pos, stop);
    part(tag, b, pos, next < 0 ? stop : next);
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

  /** Where the segment starting at {@code start} ends: the next CR or LF, or the end. */
  private static int segmentEnd(byte[] b, int start, int end) {
    for (int i = start; i < end; i++) {
      byte c = b[i];
      if (c == CR || c == LF) {
        return i;
      }
    }
    return end;
  }

  private static int indexOf(byte[] b, byte c, int from, int stop) {
    for (int i = from; i < stop; i++) {
      if (b[i] == c) {
        return i;
      }
    }
    return -1;
  }

  private static final byte[] XML_MARKER = {'<', 'M', 'S', 'H', '.'};

  private static boolean contains(byte[] b, int from, int end, byte[] what) {
    for (int i = from; i <= end - what.length; i++) {
      if (b[i] == what[0] && Arrays.equals(b, i, i + what.length, what, 0, what.length)) {
        return true;
      }
    }
    return false;
  }

  /**
   * {@link MshHeaderCache#er7} over ASCII bytes: every CR-separated segment of four or more
   * characters after its leading whitespace has the field separator fourth, and the separator
   * occurs at least 11 times after the first character.
   */
  static boolean er7(byte[] b, int offset, int end) {
    byte sep = b[offset + 3];
    int start = offset;
    while (start < end) {
      int stop = start;
      while (stop < end && b[stop] != CR) {
        stop++;
      }
      int first = start;
      while (first < stop && whitespace(b[first])) {
        first++;
      }
      if (stop - first >= 4 && b[first + 3] != sep) {
        return false;
      }
      start = stop + 1;
    }
    int found = 0;
    for (int i = offset + 1; i < end && found < 11; i++) {
      if (b[i] == sep) {
        found++;
      }
    }
    return found >= 11;
  }

  /** {@link Character#isWhitespace} for an ASCII character. */
  private static boolean whitespace(byte c) {
    return c == ' ' || (c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x1F);
  }

  private void part(byte tag, byte[] b, int from, int to) {
    put(tag);
    putInt(to - from);
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
