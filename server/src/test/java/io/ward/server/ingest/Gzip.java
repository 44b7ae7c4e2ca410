package io.ward.server.ingest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * The same bytes in different gzip containers, as tools write them: {@code gzip} with its defaults,
 * another level, a header naming the file and its time, the content split over several members
 * (what {@code cat a.gz b.gz} or {@code pigz} gives). Each is another file holding the same
 * capture.
 */
final class Gzip {
  private Gzip() {}

  /** Java's gzip: default level, no file name, no time. */
  static byte[] plain(byte[] content) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(content);
    }
    return out.toByteArray();
  }

  /**
   * {@code content} split into {@code members} gzip members, each compressed at {@code level} with
   * a header naming {@code name} and the modification time {@code mtime} (seconds).
   */
  static byte[] members(byte[] content, int level, String name, long mtime, int members) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int step = (content.length + members - 1) / members;
    for (int from = 0; from < content.length; from += step) {
      int to = Math.min(content.length, from + step);
      member(out, content, from, to, level, name, mtime);
    }
    return out.toByteArray();
  }

  /** One member (RFC 1952) with the FNAME field set. */
  private static void member(
      ByteArrayOutputStream out,
      byte[] content,
      int from,
      int to,
      int level,
      String name,
      long mtime) {
    out.write(0x1f);
    out.write(0x8b);
    out.write(8); // deflate
    out.write(0x08); // FNAME
    le32(out, mtime);
    out.write(level == Deflater.BEST_COMPRESSION ? 2 : level == Deflater.BEST_SPEED ? 4 : 0);
    out.write(3); // Unix
    out.writeBytes(name.getBytes(StandardCharsets.ISO_8859_1));
    out.write(0);
    Deflater deflater = new Deflater(level, true);
    deflater.setInput(content, from, to - from);
    deflater.finish();
    byte[] buf = new byte[8192];
    while (!deflater.finished()) {
      out.write(buf, 0, deflater.deflate(buf));
    }
    deflater.end();
    CRC32 crc = new CRC32();
    crc.update(content, from, to - from);
    le32(out, crc.getValue());
    le32(out, to - from);
  }

  private static void le32(ByteArrayOutputStream out, long v) {
    for (int i = 0; i < 4; i++) {
      out.write((int) (v >>> (8 * i)) & 0xff);
    }
  }
}
