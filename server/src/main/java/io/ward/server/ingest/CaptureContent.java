package io.ward.server.ingest;

import io.ward.capture.CaptureMagic;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * The idempotency key of a capture: the SHA-256 of the capture itself, i.e. of its bytes after
 * gunzipping. The same packets uploaded as {@code .pcap}, as {@code .pcap.gz}, or gzip-compressed
 * again at another level, with another header or in several members, are one capture: their upload
 * hashes differ, this one does not. A file is gunzipped exactly when the capture engine gunzips it
 * (it starts with the gzip magic), through the same {@link GZIPInputStream}, so both read the same
 * bytes.
 */
final class CaptureContent {
  private static final int BUFFER = 1 << 16;

  private CaptureContent() {}

  /**
   * The content hash of the capture at {@code file}, whose bytes as stored hash to {@code
   * uploadSha256}: that same hash when the file is not gzip-compressed (no second read), else the
   * hash of the decompressed bytes. A gzip stream that is damaged or cut short has no whole content
   * to hash: its upload hash stands for it (the engine fails such a capture as truncated). So does
   * a file that can be read only once (a named pipe): reading it here would take its bytes from the
   * analysis.
   *
   * @throws InterruptedIOException the job was cancelled while decompressing
   * @throws IOException the file cannot be read
   */
  static String sha256(Path file, String uploadSha256) throws IOException {
    if (!Files.isRegularFile(file)) {
      return uploadSha256;
    }
    return gunzippedSha256(file).orElse(uploadSha256);
  }

  /** The SHA-256 of the decompressed bytes, when the file is whole gzip. */
  private static Optional<String> gunzippedSha256(Path file) throws IOException {
    try (InputStream raw = Files.newInputStream(file)) {
      byte[] magic = raw.readNBytes(2);
      if (magic.length < 2 || magic[0] != (byte) 0x1F || magic[1] != (byte) 0x8B) {
        return Optional.empty();
      }
    }
    MessageDigest digest = sha256();
    byte[] buf = new byte[BUFFER];
    try (InputStream in = new GZIPInputStream(Files.newInputStream(file), BUFFER)) {
      byte[] head = in.readNBytes(4);
      if (!startsLikeACapture(head)) {
        // The engine refuses it at once; decompressing all of it first (a gzip bomb, say) would
        // only delay that.
        return Optional.empty();
      }
      digest.update(head);
      for (int n; (n = in.read(buf)) >= 0; ) {
        if (Thread.currentThread().isInterrupted()) {
          throw new InterruptedIOException("cancelled while hashing the capture's content");
        }
        digest.update(buf, 0, n);
      }
    } catch (ZipException | EOFException e) {
      return Optional.empty();
    }
    return Optional.of(HexFormat.of().formatHex(digest.digest()));
  }

  /**
   * True when the (decompressed) content starts with a magic number the capture engine reads: pcap
   * with microsecond, nanosecond or Kuznetzov records in either byte order, or a pcapng Section
   * Header Block.
   */
  static boolean startsLikeACapture(byte[] head) {
    if (head.length < 4) {
      return false;
    }
    int magic =
        (head[0] & 0xff) << 24 | (head[1] & 0xff) << 16 | (head[2] & 0xff) << 8 | (head[3] & 0xff);
    return CaptureMagic.isCapture(magic);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 missing from the JDK", e);
    }
  }
}
