package io.ward.server.ingest;

import io.ward.server.config.WardProperties;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Uploaded files on disk under the data directory, streamed (never held in memory) and named by
 * their SHA-256, so the same content is kept once whatever it was called.
 */
@Component
class UploadStore {
  private final Path root;

  UploadStore(WardProperties properties) {
    this.root = properties.dataDirectory().resolve("uploads");
  }

  /** A stored upload. */
  record Stored(Path path, String sha256, long sizeBytes) {}

  /**
   * Streams {@code in} to disk under {@code kind}; a failed copy leaves nothing behind.
   *
   * @throws IOException the stream broke or the disk is full
   */
  Stored store(InputStream in, String kind, String filename) throws IOException {
    Path dir = root.resolve(kind);
    Files.createDirectories(dir);
    Path temp = dir.resolve(".upload-" + UUID.randomUUID());
    MessageDigest digest = sha256();
    long size;
    try {
      try (OutputStream out = new DigestOutputStream(Files.newOutputStream(temp), digest)) {
        size = in.transferTo(out);
      }
      String sha = HexFormat.of().formatHex(digest.digest());
      Path target = dir.resolve(sha + suffix(filename));
      if (Files.exists(target)) {
        Files.delete(temp);
      } else {
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
      }
      return new Stored(target, sha, size);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /** The SHA-256 and size of a file already on disk. */
  static Stored describe(Path file) throws IOException {
    MessageDigest digest = sha256();
    long size;
    try (InputStream in = Files.newInputStream(file);
        OutputStream out = new DigestOutputStream(OutputStream.nullOutputStream(), digest)) {
      size = in.transferTo(out);
    }
    return new Stored(file, HexFormat.of().formatHex(digest.digest()), size);
  }

  /** Keeps a known extension (so tools recognise the file); anything else becomes {@code .bin}. */
  static String suffix(String filename) {
    String name = filename.toLowerCase(Locale.ROOT);
    for (String ext :
        new String[] {
          ".pcapng.gz",
          ".pcap.gz",
          ".pcapng",
          ".pcap",
          ".cap",
          ".json.gz",
          ".json",
          ".csv.gz",
          ".csv",
          ".xml",
          ".xlsx",
          ".xls",
          ".gz"
        }) {
      if (name.endsWith(ext)) {
        return ext;
      }
    }
    return ".bin";
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 missing from the JDK", e);
    }
  }
}
