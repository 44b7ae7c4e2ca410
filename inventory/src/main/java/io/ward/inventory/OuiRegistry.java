package io.ward.inventory;

import io.ward.model.MacAddress;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

/**
 * The IEEE MAC address block registry: MA-L (24-bit), MA-M (28-bit), MA-S and IAB (36-bit)
 * assignments to organisation names. Looks up the longest assignment first, because MA-M and MA-S
 * blocks lie inside MA-L blocks registered to the IEEE itself.
 */
final class OuiRegistry {

  /** Debian's ieee-data files, in the order read; only oui.csv is required. */
  static final List<String> IEEE_FILES = List.of("oui.csv", "mam.csv", "oui36.csv", "iab.csv");

  static final String BUNDLED_RESOURCE = "kb/oui/oui-snapshot.csv.gz";

  private final Blocks by24 = new Blocks();
  private final Blocks by28 = new Blocks();
  private final Blocks by36 = new Blocks();
  private final String source;

  private OuiRegistry(String source) {
    this.source = source;
  }

  /**
   * The registry from {@code ieeeDir}/oui.csv (plus mam.csv, oui36.csv and iab.csv when present),
   * else from the bundled snapshot.
   */
  static OuiRegistry load(Path ieeeDir) throws KnowledgeBaseException {
    Path oui = ieeeDir.resolve("oui.csv");
    if (Files.isRegularFile(oui)) {
      OuiRegistry r = new OuiRegistry("ieee-data:" + oui);
      for (String name : IEEE_FILES) {
        Path p = ieeeDir.resolve(name);
        if (Files.isRegularFile(p)) {
          try (InputStream in = Files.newInputStream(p)) {
            r.read(in, /* assignmentColumn= */ 1);
          } catch (IOException e) {
            throw new KnowledgeBaseException(p + ": cannot be read: " + e.getMessage(), e);
          }
        }
      }
      if (!r.by24.isEmpty()) {
        return r.freeze();
      }
    }
    return bundled();
  }

  /** The registry from the snapshot bundled in the jar. */
  static OuiRegistry bundled() throws KnowledgeBaseException {
    OuiRegistry r = new OuiRegistry("bundled");
    try (InputStream raw = OuiRegistry.class.getResourceAsStream(BUNDLED_RESOURCE)) {
      if (raw == null) {
        throw new KnowledgeBaseException(BUNDLED_RESOURCE + ": missing from the classpath");
      }
      try (InputStream in = new GZIPInputStream(raw)) {
        r.read(in, /* assignmentColumn= */ 0);
      }
    } catch (IOException e) {
      throw new KnowledgeBaseException(BUNDLED_RESOURCE + ": cannot be read: " + e.getMessage(), e);
    }
    return r.freeze();
  }

  /** Where the data came from: {@code ieee-data:<path>} or {@code bundled}. */
  String source() {
    return source;
  }

  /** Number of assignments loaded. */
  int size() {
    return by24.size() + by28.size() + by36.size();
  }

  /** The registered organisation of the block holding {@code mac}, as written in the registry. */
  Optional<String> organization(MacAddress mac) {
    long bits = mac.bits();
    String org = by36.get(bits >>> 12);
    if (org == null) {
      org = by28.get(bits >>> 20);
    }
    if (org == null) {
      org = by24.get(bits >>> 24);
    }
    return Optional.ofNullable(org);
  }

  /**
   * Reads CSV rows; a malformed row is skipped (the registry is data we did not write). Works on
   * the raw bytes and decodes only the columns it keeps: the address column is most of each file,
   * and this runs at every start, mostly before the JIT has compiled anything.
   */
  private void read(InputStream in, int assignmentColumn) throws IOException {
    byte[] data = in.readAllBytes();
    int columns = assignmentColumn + 2;
    int pos = nextLine(data, lineEnd(data, 0)); // header
    while (pos < data.length) {
      int end = lineEnd(data, pos);
      // Stop at the comma after the last column kept; '"' and ',' never occur inside a UTF-8
      // multi-byte sequence, so the bytes can be scanned before decoding.
      int cut = pos;
      int commas = 0;
      boolean quoted = false;
      boolean anyQuote = false;
      int assignmentStart = assignmentColumn == 0 ? pos : -1;
      int organizationStart = -1;
      while (cut < end) {
        byte b = data[cut];
        if (b == '"') {
          quoted = !quoted;
          anyQuote = true;
        } else if (b == ',' && !quoted) {
          commas++;
          if (commas == assignmentColumn) {
            assignmentStart = cut + 1;
          } else if (commas == assignmentColumn + 1) {
            organizationStart = cut + 1;
          } else if (commas == columns) {
            break;
          }
        }
        cut++;
      }
      if (!anyQuote) {
        // The common row: no quoting, so the columns are the bytes between the commas.
        if (organizationStart > 0) {
          putUnquoted(data, assignmentStart, organizationStart - 1, organizationStart, cut);
        }
      } else {
        List<String> cols = csv(new String(data, pos, cut - pos, StandardCharsets.UTF_8), columns);
        if (cols.size() >= columns) {
          put(cols.get(assignmentColumn).trim(), cols.get(assignmentColumn + 1).trim());
        }
      }
      pos = nextLine(data, end);
    }
  }

  /** The index of the CR or LF ending the line that starts at {@code pos}, or the data length. */
  private static int lineEnd(byte[] data, int pos) {
    int i = pos;
    while (i < data.length && data[i] != '\n' && data[i] != '\r') {
      i++;
    }
    return i;
  }

  /** The start of the next line after a line end (CR, LF or CRLF, as BufferedReader reads them). */
  private static int nextLine(byte[] data, int end) {
    if (end < data.length && data[end] == '\r' && end + 1 < data.length && data[end + 1] == '\n') {
      return end + 2;
    }
    return end + 1;
  }

  /** {@link #put} for two byte ranges, trimmed as {@link String#trim} does. */
  private void putUnquoted(byte[] data, int aFrom, int aTo, int oFrom, int oTo) {
    while (aFrom < aTo && (data[aFrom] & 0xFF) <= ' ') {
      aFrom++;
    }
    while (aTo > aFrom && (data[aTo - 1] & 0xFF) <= ' ') {
      aTo--;
    }
    while (oFrom < oTo && (data[oFrom] & 0xFF) <= ' ') {
      oFrom++;
    }
    while (oTo > oFrom && (data[oTo - 1] & 0xFF) <= ' ') {
      oTo--;
    }
    int digits = aTo - aFrom;
    if (oTo == oFrom || (digits != 6 && digits != 7 && digits != 9)) {
      return;
    }
    long prefix = 0;
    for (int i = aFrom; i < aTo; i++) {
      int d = hexDigit(data[i]);
      if (d < 0) {
        return;
      }
      prefix = (prefix << 4) | d;
    }
    store(
        digits,
        prefix,
        collapseWhitespace(new String(data, oFrom, oTo - oFrom, StandardCharsets.UTF_8)));
  }

  private static int hexDigit(byte b) {
    if (b >= '0' && b <= '9') {
      return b - '0';
    }
    if (b >= 'A' && b <= 'F') {
      return b - 'A' + 10;
    }
    if (b >= 'a' && b <= 'f') {
      return b - 'a' + 10;
    }
    return -1;
  }

  private void put(String assignment, String organization) {
    int digits = assignment.length();
    // Plain character checks instead of a regex per row: this runs for ~50k rows at every start,
    // mostly before the JIT has compiled anything.
    if (organization.isEmpty() || (digits != 6 && digits != 7 && digits != 9) || !hex(assignment)) {
      return;
    }
    store(digits, Long.parseLong(assignment, 16), collapseWhitespace(organization));
  }

  private void store(int digits, long prefix, String org) {
    switch (digits) {
      case 6:
        by24.add(prefix, org);
        break;
      case 7:
        by28.add(prefix, org);
        break;
      default:
        by36.add(prefix, org);
    }
  }

  private OuiRegistry freeze() {
    by24.freeze();
    by28.freeze();
    by36.freeze();
    return this;
  }

  /**
   * The assignments of one prefix length, as sorted primitive keys beside their names, looked up by
   * binary search. A {@code HashMap<Long, String>} held a boxed key and a node per assignment:
   * about 93,000 objects for Debian's registry, loaded at every start and copied by the young
   * collections of the analysis's first second until they were promoted.
   */
  private static final class Blocks {
    /** Bits of the row index below the prefix (at most 36 bits) in a packed entry. */
    private static final int INDEX_BITS = 27;

    private static final long INDEX_MASK = (1L << INDEX_BITS) - 1;

    /** While reading: the prefix above the row index, in file order. */
    private long[] packed = new long[1024];

    private String[] rowNames = new String[1024];
    private int rows;

    /** After {@link #freeze}: distinct prefixes, ascending, and the name of each. */
    private long[] keys = new long[0];

    private String[] names = new String[0];

    void add(long prefix, String name) {
      if (rows > INDEX_MASK) {
        return; // far beyond any registry; never reached with the IEEE's files
      }
      if (rows == packed.length) {
        packed = Arrays.copyOf(packed, rows * 2);
        rowNames = Arrays.copyOf(rowNames, rows * 2);
      }
      packed[rows] = prefix << INDEX_BITS | rows;
      rowNames[rows] = name;
      rows++;
    }

    /**
     * Sorts the rows by prefix, then row; the first row of a prefix wins, as {@code putIfAbsent}
     * made it (the files are read in {@link #IEEE_FILES} order).
     */
    void freeze() {
      long[] sorted = Arrays.copyOf(packed, rows);
      Arrays.sort(sorted);
      long[] k = new long[rows];
      String[] n = new String[rows];
      int distinct = 0;
      for (long entry : sorted) {
        long prefix = entry >>> INDEX_BITS;
        if (distinct == 0 || k[distinct - 1] != prefix) {
          k[distinct] = prefix;
          n[distinct] = rowNames[(int) (entry & INDEX_MASK)];
          distinct++;
        }
      }
      keys = Arrays.copyOf(k, distinct);
      names = Arrays.copyOf(n, distinct);
      packed = new long[0];
      rowNames = new String[0];
      rows = 0;
    }

    String get(long prefix) {
      int i = Arrays.binarySearch(keys, prefix);
      return i >= 0 ? names[i] : null;
    }

    boolean isEmpty() {
      return rows == 0 && keys.length == 0;
    }

    int size() {
      return keys.length;
    }
  }

  private static boolean hex(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'A' && c <= 'F') || (c >= 'a' && c <= 'f'))) {
        return false;
      }
    }
    return true;
  }

  /** Every run of whitespace as one space, as {@code replaceAll("\\s+", " ")} would. */
  static String collapseWhitespace(String s) {
    int i = 0;
    int n = s.length();
    boolean clean = true;
    for (; i < n; i++) {
      char c = s.charAt(i);
      if (isRegexSpace(c) && (c != ' ' || (i + 1 < n && isRegexSpace(s.charAt(i + 1))))) {
        clean = false;
        break;
      }
    }
    if (clean) {
      return s;
    }
    StringBuilder sb = new StringBuilder(n);
    boolean inSpace = false;
    for (int j = 0; j < n; j++) {
      char c = s.charAt(j);
      if (isRegexSpace(c)) {
        if (!inSpace) {
          sb.append(' ');
          inSpace = true;
        }
      } else {
        sb.append(c);
        inSpace = false;
      }
    }
    return sb.toString();
  }

  /** The characters of the regex class {@code \\s}: space, tab, LF, VT, FF, CR. */
  private static boolean isRegexSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
  }

  /** The first {@code max} fields of one RFC 4180 CSV line (quoted fields may hold commas). */
  static List<String> csv(String line, int max) {
    List<String> out = new ArrayList<>(max);
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length() && out.size() < max; i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          field.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          field.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        out.add(field.toString());
        field.setLength(0);
      } else {
        field.append(c);
      }
    }
    if (out.size() < max) {
      out.add(field.toString());
    }
    return out;
  }
}
