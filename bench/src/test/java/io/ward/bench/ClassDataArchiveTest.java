package io.ward.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The class-data archive that the ward launcher and the capture benchmark make with {@code
 * cli/cds-archive.sh} maps at start and holds the classes an analysis starts with, picocli's
 * included (Java 5 class files, which JDK 17's dynamic archives leave out). A broken archive does
 * not fail anything visibly: Ward only starts half a second slower, so this test is what notices.
 * It uses the jar the cli module packaged, which the reactor builds before this module.
 */
class ClassDataArchiveTest {

  @TempDir static Path tmp;
  private static Path root;
  private static Path jar;
  private static Path archive;

  @BeforeAll
  static void makeArchiveTheWayTheLauncherDoes() throws Exception {
    root = repositoryRoot();
    Path packaged = root.resolve("cli/target/ward.jar");
    assertThat(packaged).as("the cli module's jar (run `mvn package -pl cli -am` first)").exists();
    assertThat(Files.getLastModifiedTime(packaged))
        .as("cli/target/ward.jar is older than cli's classes: package the cli module again")
        .isGreaterThanOrEqualTo(newestClass(root.resolve("cli/target/classes")));
    jar = tmp.resolve("ward.jar");
    Files.copy(packaged, jar);
    archive = tmp.resolve("ward.jsa");
    Result made =
        run(
            List.of(
                "bash",
                "-c",
                ". cli/analysis-java-opts.sh && cli/cds-archive.sh \"$0\" \"$1\""
                    + " $analysis_java_opts",
                jar.toString(),
                archive.toString()),
            root);
    assertThat(made.output).as("cds-archive.sh reports no failure").doesNotContain("failed");
    assertThat(archive).as("cds-archive.sh wrote the archive").exists();
  }

  @Test
  void shouldHoldPicocliAndTheAnalyzeCommandForAnAnalysisStart() throws Exception {
    // -Xshare:on: the JVM refuses to start when the archive cannot be mapped (a class-path or
    // heap-setting mismatch, say) instead of quietly running without it. The analysis's own JVM
    // options, as the launcher gives them.
    Result r =
        run(
            List.of(
                "bash",
                "-c",
                ". cli/analysis-java-opts.sh && exec java -Xshare:on -XX:SharedArchiveFile=\"$1\""
                    + " $analysis_java_opts -Xlog:class+load=info -jar \"$0\" analyze --help",
                jar.toString(),
                archive.toString()),
            root);
    assertThat(r.exitCode).as(r.output).isZero();
    assertThat(loadLine(r.output, "picocli.CommandLine")).contains("source: shared objects file");
    assertThat(loadLine(r.output, "io.ward.cli.AnalyzeCommand"))
        .contains("source: shared objects file");
    assertThat(loadLine(r.output, "io.ward.capture.PacketDecoder"))
        .as("only what starting needs is loaded by --help")
        .isEmpty();
  }

  @Test
  void shouldMapWithTheJvmsOwnDefaultsAsTheServerRunsAndKeepTheJdksDefaultClasses()
      throws Exception {
    Result r =
        run(
            List.of(
                "java",
                "-Xshare:on",
                "-XX:SharedArchiveFile=" + archive,
                "-Xlog:class+load=info",
                "-jar",
                jar.toString(),
                "--version"),
            tmp);
    assertThat(r.exitCode).as(r.output).isZero();
    assertThat(loadLine(r.output, "io.ward.cli.WardCommand"))
        .contains("source: shared objects file");
    // In the JDK's default class list (lib/classlist), which the archive replaces, and never
    // loaded by an analysis: only there because the JDK's list was added to the training run's.
    assertThat(archivedClasses(archive)).contains(": java.util.logging.LogManager ");
  }

  /** The repository: three levels above this module's test classes (bench/target/test-classes). */
  private static Path repositoryRoot() throws Exception {
    Path classes =
        Path.of(
            ClassDataArchiveTest.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    return classes.getParent().getParent().getParent();
  }

  private static FileTime newestClass(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return files
          .filter(Files::isRegularFile)
          .map(ClassDataArchiveTest::modified)
          .max(Comparator.naturalOrder())
          .orElse(FileTime.fromMillis(0));
    }
  }

  private static FileTime modified(Path file) {
    try {
      return Files.getLastModifiedTime(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The classes an archive holds, one {@code N: name loader} line each. */
  private static String archivedClasses(Path archive) throws Exception {
    Result r =
        run(
            List.of(
                "java",
                "-XX:SharedArchiveFile=" + archive,
                "-XX:+PrintSharedArchiveAndExit",
                "-XX:+PrintSharedDictionary",
                "-cp",
                jar.toString()),
            tmp);
    assertThat(r.exitCode).as(r.output).isZero();
    return r.output;
  }

  /** The class-loading log line of {@code className}, or "" when it was not loaded. */
  private static String loadLine(String log, String className) {
    String marker = "] " + className + " source: ";
    return log.lines().filter(l -> l.contains(marker)).findFirst().orElse("");
  }

  private record Result(int exitCode, String output) {}

  private static Result run(List<String> command, Path dir)
      throws IOException, InterruptedException {
    Path out = Files.createTempFile(tmp, "out", ".txt");
    Process p =
        new ProcessBuilder(new ArrayList<>(command))
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(out.toFile())
            .start();
    if (!p.waitFor(3, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new AssertionError("timed out: " + command);
    }
    return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
  }
}
