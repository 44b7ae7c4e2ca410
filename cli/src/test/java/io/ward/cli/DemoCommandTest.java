package io.ward.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
}
