package io.ward.server.ingest;

import io.ward.server.config.OwnerOnly;
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
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Uploaded files on disk under the data directory, streamed (never held in memory).
 *
 * <p>Captures and CMDB exports are only read by their own job and are deleted when it ends:
 * captures hold HL7 and DICOM payloads, i.e. patient data, which Ward never keeps in clear. Each
 * such upload has a file of its own (its SHA-256 and a random part), so deleting one job's file
 * never takes a file another job still reads; a capture sent again is still recognised by its
 * SHA-256 (of its content, {@link CaptureContent}), which stays in the database. Feeds, SBOMs and
 * MDS2 forms are kept, named by their SHA-256 so the same content is kept once: the advisory
 * knowledge is read again from them whenever it changes. One whose job failed or was cancelled is
 * deleted unless another job holds the same content ({@link #discardUnimported}).
 */
@Component
class UploadStore {
  private static final Logger log = LoggerFactory.getLogger(UploadStore.class);
  private static final String TEMP_PREFIX = ".upload-";
  private static final String MAPPING_SUFFIX = ".mapping";

  /**
   * Where the servlet container writes multipart uploads while receiving them ({@link
   * UploadPartsConfig}).
   */
  static final String PARTS = ".parts";

  /**
   * The kinds whose upload is kept, once its job succeeded, as knowledge read again whenever it
   * changes.
   */
  static final Set<JobKind> KEPT = Set.of(JobKind.FEED, JobKind.SBOM, JobKind.MDS2);

  /** The kinds whose upload is read only by its own job. */
  static final Set<JobKind> TRANSIENT = Set.of(JobKind.CAPTURE, JobKind.CMDB);

  private static final int BUFFER = 1 << 16;

  private final Path root;
  private final long maxBytes;

  UploadStore(WardProperties properties) {
    this.root = properties.dataDirectory().resolve("uploads").toAbsolutePath().normalize();
    this.maxBytes = properties.ingest().maxUploadSize().toBytes();
  }

  /** The largest upload stored ({@code ward.ingest.max-upload-size}), in bytes. */
  long maxBytes() {
    return maxBytes;
  }

  /**
   * The owner-only directory where the servlet container keeps uploads while receiving them,
   * created if missing.
   *
   * @throws IOException it cannot be created
   */
  Path partsDirectory() throws IOException {
    return OwnerOnly.ensureDirectory(root.resolve(PARTS));
  }

  /** A stored upload. */
  record Stored(Path path, String sha256, long sizeBytes) {}

  /**
   * Streams {@code in} to disk under {@code kind}; a failed copy leaves nothing behind.
   *
   * @throws UploadRefused the upload is larger than {@link #maxBytes}, or the disk is full
   * @throws IOException the stream broke
   */
  Stored store(InputStream in, JobKind kind, String filename) throws IOException {
    try {
      return write(in, kind, filename);
    } catch (IOException e) {
      throw UploadRefused.diskFull(filename, e).orElseThrow(() -> e);
    }
  }

  private Stored write(InputStream in, JobKind kind, String filename) throws IOException {
    Path dir = uploadDirectory(root.resolve(kind.uploadDir()));
    Path temp = dir.resolve(TEMP_PREFIX + UUID.randomUUID());
    MessageDigest digest = sha256();
    long size;
    try {
      try (OutputStream out = new DigestOutputStream(newFile(temp), digest)) {
        size = copy(in, out, filename);
      }
      String sha = HexFormat.of().formatHex(digest.digest());
      Path target =
          dir.resolve(
              TRANSIENT.contains(kind)
                  ? sha + "-" + UUID.randomUUID() + suffix(filename)
                  : sha + suffix(filename));
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

  /**
   * Copies at most {@link #maxBytes} (checked before writing, so a larger upload never fills the
   * disk past the limit).
   */
  private long copy(InputStream in, OutputStream out, String filename) throws IOException {
    byte[] buf = new byte[BUFFER];
    long size = 0;
    for (int n; (n = in.read(buf)) >= 0; ) {
      size += n;
      if (size > maxBytes) {
        throw UploadRefused.tooLarge(filename, maxBytes);
      }
      out.write(buf, 0, n);
    }
    return size;
  }

  /** A new owner-only file; tests make its writes fail as on a full disk. */
  OutputStream newFile(Path file) throws IOException {
    return OwnerOnly.newOutputStream(file);
  }

  /**
   * Stores a CMDB export's column mapping beside the export, under the name the user gave it (so
   * messages about it name that file); it lives and goes with the export.
   *
   * @throws UploadRefused the disk is full
   * @throws IOException the stream broke
   */
  Path storeMapping(Stored upload, InputStream in, String filename) throws IOException {
    try {
      Path dir = uploadDirectory(mappingDir(upload.path()));
      // The cleaned name holds no separator; "." and ".." would still name a directory.
      String name = filename.equals(".") || filename.equals("..") ? "mapping" : filename;
      Path file = dir.resolve(name);
      try (OutputStream out = newFile(file)) {
        in.transferTo(out);
      }
      return file;
    } catch (IOException e) {
      throw UploadRefused.diskFull(filename, e).orElseThrow(() -> e);
    }
  }

  /**
   * Creates a directory under the uploads (and the uploads and data directories when missing)
   * owner-only, and makes the uploads directories owner-only if an older version created them
   * readable by all: captures hold patient data while their job runs.
   */
  private Path uploadDirectory(Path dir) throws IOException {
    OwnerOnly.createDirectories(dir);
    for (Path p = dir; p != null && p.startsWith(root); p = p.getParent()) {
      OwnerOnly.ensureDirectory(p);
    }
    return dir;
  }

  /** The column mapping stored beside an upload, if one was. */
  static Optional<Path> mappingOf(Path upload) throws IOException {
    Path dir = mappingDir(upload);
    if (!Files.isDirectory(dir)) {
      return Optional.empty();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(Files::isRegularFile).findFirst();
    }
  }

  private static Path mappingDir(Path upload) {
    return upload.resolveSibling(upload.getFileName() + MAPPING_SUFFIX);
  }

  /** Deletes the mapping stored beside an upload, if any. */
  private static void discardMapping(Path upload, String why) {
    Path dir = mappingDir(upload);
    if (!Files.isDirectory(dir)) {
      return;
    }
    try (Stream<Path> files = Files.list(dir)) {
      files.forEach(f -> delete(f, why));
    } catch (IOException e) {
      log.warn("could not list the mapping of upload {}: {}", upload, e.toString());
    }
    delete(dir, why);
  }

  /**
   * Deletes a finished job's upload if it is one of {@link #TRANSIENT} kind's files under the
   * uploads directory; anything else (a capture read in place, a feed directory, a kept feed or
   * SBOM) is left alone.
   */
  void discard(String storedPath, String why) {
    if (storedPath == null) {
      return;
    }
    Path file = Path.of(storedPath).toAbsolutePath().normalize();
    if (TRANSIENT.stream()
        .map(k -> root.resolve(k.uploadDir()))
        .anyMatch(dir -> file.startsWith(dir) && !file.equals(dir))) {
      delete(file, why);
      discardMapping(file, why);
    }
  }

  /**
   * Deletes the upload of a {@link #KEPT} kind whose job failed or was cancelled, unless {@code
   * held} (another job that succeeded or has yet to finish names the same file, i.e. the same
   * content): the knowledge is read from every file kept, and a file its job did not import must
   * not feed the assessment. A feed directory read in place is left alone.
   */
  void discardUnimported(String storedPath, String why, BooleanSupplier held) {
    if (storedPath == null) {
      return;
    }
    Path file = Path.of(storedPath).toAbsolutePath().normalize();
    if (KEPT.stream()
            .map(k -> root.resolve(k.uploadDir()))
            .anyMatch(dir -> file.startsWith(dir) && !file.equals(dir))
        && Files.isRegularFile(file)
        && !held.getAsBoolean()) {
      delete(file, why);
    }
  }

  /**
   * At start, when no job of this process runs yet: deletes what jobs that ended (or were abandoned
   * by a crash) left, i.e. the files of the {@link #TRANSIENT} kinds not named in {@code keep} (the
   * uploads of jobs still queued or running), and half-written uploads of every kind (a leftover
   * would be read as an SBOM or a feed), and what the servlet container left of uploads it was
   * receiving (a crash mid-upload). Returns how many files were deleted.
   */
  int sweep(Collection<String> keep) {
    int deleted = sweepParts();
    Set<Path> kept =
        keep.stream()
            .filter(Objects::nonNull)
            .map(p -> Path.of(p).toAbsolutePath().normalize())
            .collect(Collectors.toSet());
    for (String name : Stream.of(JobKind.values()).map(JobKind::uploadDir).distinct().toList()) {
      Path dir = root.resolve(name);
      boolean perJob = TRANSIENT.stream().anyMatch(k -> k.uploadDir().equals(name));
      if (!Files.isDirectory(dir)) {
        continue;
      }
      List<Path> files;
      List<Path> mappings;
      try (Stream<Path> list = Files.list(dir)) {
        List<Path> all = list.toList();
        files = all.stream().filter(Files::isRegularFile).toList();
        mappings =
            all.stream()
                .filter(Files::isDirectory)
                .filter(p -> p.getFileName().toString().endsWith(MAPPING_SUFFIX))
                .toList();
      } catch (IOException e) {
        log.warn("could not list the uploads in {}: {}", dir, e.toString());
        continue;
      }
      // A mapping goes with its export: kept while the export's job is queued or running.
      for (Path m : mappings) {
        String mapped = m.getFileName().toString();
        Path upload =
            m.resolveSibling(mapped.substring(0, mapped.length() - MAPPING_SUFFIX.length()));
        if (perJob && !kept.contains(upload)) {
          discardMapping(upload, "left by an earlier run");
        }
      }
      for (Path file : files) {
        boolean temp = file.getFileName().toString().startsWith(TEMP_PREFIX);
        if ((temp || perJob) && !kept.contains(file) && delete(file, "left by an earlier run")) {
          deleted++;
        }
      }
    }
    return deleted;
  }

  /** Deletes the files in {@link #PARTS}: no upload is being received before the server starts. */
  private int sweepParts() {
    Path dir = root.resolve(PARTS);
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    int deleted = 0;
    try (Stream<Path> list = Files.list(dir)) {
      for (Path file : list.filter(Files::isRegularFile).toList()) {
        if (delete(file, "an upload an earlier run was receiving")) {
          deleted++;
        }
      }
    } catch (IOException e) {
      log.warn("could not list the uploads in {}: {}", dir, e.toString());
    }
    return deleted;
  }

  private static boolean delete(Path file, String why) {
    try {
      if (Files.deleteIfExists(file)) {
        log.debug("deleted upload {} ({})", file, why);
        return true;
      }
      return false;
    } catch (IOException | RuntimeException e) {
      log.warn("could not delete upload {} ({}): {}", file, why, e.toString());
      return false;
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
