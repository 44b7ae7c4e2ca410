package io.ward.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The print-only part of {@code ward demo}, and the advisories it ships for the server part. */
class DemoCommandTest {

  @TempDir Path tmp;

  @Test
  void shouldSimulateAnalyseAndScoreWithoutTheServer() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream saved = System.out;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    int code;
    try {
      code =
          WardCommand.execute(
              "demo", "--no-server", "--devices", "40", "--minutes", "2", "--dir", tmp.toString());
    } finally {
      System.setOut(saved);
    }
    assertThat(code).isZero();
    String text = out.toString(StandardCharsets.UTF_8);
    assertThat(text).contains("Devices:").contains("Against the simulator's ground truth");
    assertThat(tmp.resolve("hospital.pcap")).isNotEmptyFile();
    assertThat(tmp.resolve("hospital-inventory.json")).isNotEmptyFile();
  }

  @Test
  void shouldShipEveryListedDemoAdvisory() throws IOException {
    Path feeds = DemoCommand.extractDemoFeeds(tmp.resolve("feeds"));
    try (var files = Files.list(feeds)) {
      assertThat(files.filter(p -> p.getFileName().toString().startsWith("icsma-")).count())
          .isEqualTo(79);
    }
    assertThat(feeds.resolve("known_exploited_vulnerabilities.json")).isNotEmptyFile();
  }

  /** Runs {@code ward demo --no-server} (small) on {@code dir}; returns the code and stderr. */
  private static String[] demo(Path dir) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream savedOut = System.out;
    PrintStream savedErr = System.err;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    int code;
    try {
      code =
          WardCommand.execute(
              "demo", "--no-server", "--devices", "20", "--minutes", "1", "--dir", dir.toString());
    } finally {
      System.setOut(savedOut);
      System.setErr(savedErr);
    }
    return new String[] {Integer.toString(code), err.toString(StandardCharsets.UTF_8)};
  }

  @Test
  void shouldRefuseADirectoryThatIsNotTheDemosAndKeepEverythingInIt() throws IOException {
    Path mine = Files.createDirectories(tmp.resolve("v"));
    Files.createDirectories(mine.resolve("sub"));
    Files.writeString(mine.resolve("thesis.docx"), "x");
    Files.writeString(mine.resolve("sub/notes.txt"), "y");

    String[] run = demo(mine);

    assertThat(Integer.parseInt(run[0])).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(run[1])
        .isEqualTo(
            "ward: "
                + mine
                + ": not empty and not a Ward demo directory (no .ward-demo file), so the demo"
                + " will not empty it; give --dir a new or empty directory\n");
    assertThat(mine.resolve("thesis.docx")).hasContent("x");
    assertThat(mine.resolve("sub/notes.txt")).hasContent("y");
    assertThat(mine.resolve("hospital.pcap")).doesNotExist();
  }

  @Test
  void shouldRefuseAFileAndKeepIt() throws IOException {
    Path file = Files.writeString(tmp.resolve("thesis.docx"), "x");

    String[] run = demo(file);

    assertThat(Integer.parseInt(run[0])).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(run[1]).startsWith("ward: " + file + ": not a directory").doesNotContain("\tat ");
    assertThat(file).hasContent("x");
  }

  @Test
  void shouldEmptyADirectoryItMadeOnTheNextRun() throws IOException {
    Path dir = tmp.resolve("demo");
    String[] first = demo(dir);
    assertThat(first[0]).as(first[1]).isEqualTo("0");
    assertThat(dir.resolve(DemoCommand.MARKER)).isRegularFile();
    Files.createDirectories(dir.resolve("server"));
    Files.writeString(dir.resolve("server/ward.mv.db"), "old database");

    String[] again = demo(dir);

    assertThat(again[0]).as(again[1]).isEqualTo("0");
    assertThat(dir.resolve("server/ward.mv.db")).doesNotExist();
    assertThat(dir.resolve("hospital.pcap")).isNotEmptyFile();
    assertThat(dir.resolve(DemoCommand.MARKER)).isRegularFile();
  }

  @Test
  void shouldRefuseASizeTheSimulatorCannotMakeAsAUsageErrorBeforeTouchingTheDirectory()
      throws IOException {
    Path dir = tmp.resolve("demo");
    DemoCommand.recreate(dir);
    Files.writeString(dir.resolve("hospital.pcap"), "the last demo");
    PrintStream savedErr = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    int code;
    try {
      code = WardCommand.execute("demo", "--no-server", "--devices", "10", "--dir", dir.toString());
    } finally {
      System.setErr(savedErr);
    }
    assertThat(code).isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("devices must lie in")
        .doesNotContain("internal error");
    assertThat(dir.resolve("hospital.pcap")).hasContent("the last demo");
  }

  @Test
  void shouldTakeOverADemoDirectoryFromAnEarlierVersionThatHasNoMarker() throws IOException {
    Path old = Files.createDirectories(tmp.resolve("demo"));
    Files.writeString(old.resolve("hospital.pcap"), "old");
    Files.writeString(old.resolve("hospital-inventory.json"), "{}");
    Files.createDirectories(old.resolve("feeds"));
    Files.writeString(old.resolve("feeds/icsma-24-001-01.json"), "{}");
    Files.createDirectories(old.resolve("server"));

    DemoCommand.recreate(old);

    try (var files = Files.list(old)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly(DemoCommand.MARKER);
    }
  }

  @Test
  void shouldNotTakeADirectoryOfTheDemosNamesWithoutItsHospitalFilesForADemoDirectory()
      throws IOException {
    // ~/.ward itself may hold just the feed store and a server's data: never the demo's to empty.
    Path home = Files.createDirectories(tmp.resolve("ward-home"));
    Files.createDirectories(home.resolve("feeds"));
    Files.writeString(home.resolve("feeds/kev.json"), "{}");

    assertThatThrownBy(() -> DemoCommand.recreate(home))
        .isInstanceOf(UserInputException.class)
        .hasMessageContaining("not a Ward demo directory");
    assertThat(home.resolve("feeds/kev.json")).hasContent("{}");
  }

  /**
   * The demo writes its capture, ground truth and inventory owner-only, as {@code ward simulate}
   * does: a simulated capture stands in for patient traffic. They were written readable by all.
   */
  @Test
  void shouldWriteItsFilesOwnerOnly() throws IOException {
    Assumptions.assumeTrue(
        tmp.getFileSystem().supportedFileAttributeViews().contains("posix"), "POSIX permissions");
    Path dir = tmp.resolve("new/demo");

    String[] run = demo(dir);

    assertThat(run[0]).as(run[1]).isEqualTo("0");
    for (String name :
        new String[] {"hospital.pcap", "hospital-truth.json", "hospital-inventory.json"}) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(name))))
          .as(name)
          .isEqualTo("rw-------");
    }
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)))
        .isEqualTo("rwx------");
  }

  /**
   * With the server, the one-time setup link is printed once, after the imports: the server printed
   * it as it started and the demo again at the end. A {@code ward demo} of its own (it serves until
   * stopped), stopped once it says how to stop it.
   */
  @Test
  void shouldPrintTheSetupLinkOnceWhenItServes() throws Exception {
    List<String> out =
        untilStopHint(
            "demo",
            "--devices",
            "20",
            "--minutes",
            "1",
            "--port",
            "0",
            "--dir",
            tmp.resolve("d").toString());
    assertThat(out.stream().filter(l -> l.contains("/setup?token=")).toList())
        .as(String.join("\n", out))
        .hasSize(1)
        .allMatch(
            l ->
                l.startsWith(
                    "Create the first admin (one-time link, valid once): http://127.0.0.1:"));
    assertThat(String.join("\n", out)).contains("Ward is running at http://127.0.0.1:");
  }

  /** ward serve prints the link once too, now that the server leaves it to the command. */
  @Test
  void shouldHaveServePrintTheSetupLinkOnce() throws Exception {
    List<String> out =
        untilStopHint("serve", "--port", "0", "--data-dir", tmp.resolve("s").toString());
    assertThat(out.stream().filter(l -> l.contains("/setup?token=")).toList())
        .as(String.join("\n", out))
        .hasSize(1)
        .allMatch(
            l -> l.startsWith("Ward has no users yet. Create the first admin at (valid once): "));
  }

  /**
   * Runs {@code ward ARGS} in a JVM of its own until it says how to stop it (the demo on stdout,
   * serve on stderr), then stops it as Ctrl-C would; returns what it printed on stdout.
   */
  private List<String> untilStopHint(String... args) throws Exception {
    Path err = tmp.resolve("err-" + args[0] + ".txt");
    Process p =
        new ProcessBuilder(ChildWard.command(List.of(), args)).redirectError(err.toFile()).start();
    List<String> lines = new CopyOnWriteArrayList<>();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader r =
                  new BufferedReader(
                      new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String l = r.readLine(); l != null; l = r.readLine()) {
                  lines.add(l);
                }
              } catch (IOException e) {
                // the process ended
              }
            });
    reader.start();
    try {
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
      while (!stopHint(lines, err) && p.isAlive() && System.nanoTime() < deadline) {
        Thread.sleep(200);
      }
      assertThat(stopHint(lines, err))
          .as("ward %s said how to stop it; stderr: %s", args[0], Files.readString(err))
          .isTrue();
      // Anything printed after the hint would come at once; wait a moment for it.
      Thread.sleep(500);
    } finally {
      p.destroy();
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
      reader.join(10_000);
    }
    return List.copyOf(lines);
  }

  private static boolean stopHint(List<String> out, Path err) throws IOException {
    return out.contains("Press Ctrl-C to stop.")
        || (Files.exists(err) && Files.readString(err).contains("(Ctrl-C to stop)"));
  }
}
