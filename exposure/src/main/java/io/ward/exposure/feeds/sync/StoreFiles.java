package io.ward.exposure.feeds.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ward.exposure.feeds.FeedConfig;
import io.ward.exposure.feeds.Json;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** File moves of the store: downloads land in {@code .tmp/} and move into place atomically. */
final class StoreFiles {

  private final Path root;

  StoreFiles(Path root) {
    this.root = root;
  }

  /** A new empty temp file in the store's hidden {@code .tmp/} (same file system as targets). */
  Path temp(String prefix) throws IOException {
    Path dir = root.resolve(".tmp");
    Files.createDirectories(dir);
    return Files.createTempFile(dir, prefix, ".part");
  }

  /** A new empty temp directory in {@code .tmp/}. */
  Path tempDirectory(String prefix) throws IOException {
    Path dir = root.resolve(".tmp");
    Files.createDirectories(dir);
    return Files.createTempDirectory(dir, prefix);
  }

  /** The metadata file of a source (hidden from the loader). */
  Path meta(String name) {
    return root.resolve(".meta").resolve(name + ".json");
  }

  /**
   * The stored metadata of {@code source}, stamped with its current name, kind, URL and mode.
   * Missing or unreadable metadata reads as empty: the sync then fetches everything again, which is
   * safe.
   */
  ObjectNode readMeta(FeedConfig.Source source, FeedConfig.Mode mode) {
    Path file = meta(source.name());
    ObjectNode meta = Json.mapper().createObjectNode();
    try {
      if (Files.isRegularFile(file) && Json.read(file) instanceof ObjectNode stored) {
        meta = stored;
      }
    } catch (IOException e) {
      // unreadable: start from empty metadata (see above)
    }
    meta.put("name", source.name());
    meta.put("kind", source.kind().name());
    meta.put("url", source.url().toString());
    meta.put("mode", mode.name());
    return meta;
  }

  /** Writes JSON to {@code target} through a temp file, so a crash never leaves half a file. */
  void writeJson(JsonNode node, Path target) throws IOException {
    Files.createDirectories(target.getParent());
    Path temp = temp("json");
    Json.mapper().writerWithDefaultPrettyPrinter().writeValue(temp.toFile(), node);
    move(temp, target);
  }

  /** Moves {@code from} over {@code to}, atomically where the file system can. */
  static void move(Path from, Path to) throws IOException {
    Files.createDirectories(to.getParent());
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** Deletes a temp file or directory tree quietly: a leftover is hidden and replaced later. */
  static void deleteQuietly(Path path) {
    if (path == null) {
      return;
    }
    try (var walk = Files.walk(path)) {
      walk.sorted(java.util.Comparator.reverseOrder()).forEach(StoreFiles::deleteOne);
    } catch (IOException | java.io.UncheckedIOException e) {
      // hidden under .tmp; the next sync's temp files have new names
    }
  }

  private static void deleteOne(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException e) {
      // see deleteQuietly
    }
  }
}
