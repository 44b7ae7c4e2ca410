package io.ward.server;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A small tmpfs mounted for the whole machine, which other processes (a PostgreSQL server) can
 * write to too, unlike {@link DatabaseDiskFullTest}'s, mounted in a namespace of its server's
 * process. Mounting needs root: {@link #mount} skips the calling test (a JUnit assumption) without
 * it, or when the mount fails. As a {@link FullDisk}, it holds an embedded database's data
 * directory.
 */
public final class Tmpfs implements FullDisk {
  private final Path dir;

  private Tmpfs(Path dir) {
    this.dir = dir;
  }

  /** Mounts a tmpfs of {@code sizeMiB} at a new directory, or skips the calling test. */
  public static Tmpfs mount(int sizeMiB) throws Exception {
    assumeTrue(root(), "root, to mount a tmpfs for the whole machine");
    Path dir = Files.createTempDirectory("ward-full-disk-");
    boolean mounted =
        run(
            "mount",
            "-t",
            "tmpfs",
            "-o",
            "size=" + sizeMiB + "m,mode=0755",
            "ward-full-disk",
            dir.toString());
    if (!mounted) {
      Files.delete(dir);
    }
    assumeTrue(mounted, "a tmpfs mounted at " + dir);
    return new Tmpfs(dir);
  }

  /** Its root directory. */
  public Path dir() {
    return dir;
  }

  @Override
  public ServerSettings settings(Path elsewhere) throws IOException {
    return ServerSettings.fromEnvironment()
        .withPort(0)
        .withDataDir(Files.createDirectories(dir.resolve("data")));
  }

  @Override
  public long fill() throws IOException {
    return FullDiskServer.fill(filler());
  }

  @Override
  public void free() throws IOException {
    Files.deleteIfExists(filler());
  }

  private Path filler() {
    return dir.resolve("filler");
  }

  /** Unmounts it and deletes its directory. */
  @Override
  public void close() throws Exception {
    if (!run("umount", dir.toString())) {
      throw new AssertionError("could not unmount the tmpfs at " + dir);
    }
    Files.delete(dir);
  }

  private static boolean root() throws Exception {
    Process p = new ProcessBuilder("id", "-u").redirectErrorStream(true).start();
    String uid = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
    return p.waitFor(30, TimeUnit.SECONDS) && uid.equals("0");
  }

  /** True when the command ran and succeeded. */
  private static boolean run(String... command) throws Exception {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException notThere) {
      return false;
    }
  }
}
