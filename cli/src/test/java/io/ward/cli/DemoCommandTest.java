package io.ward.cli;

import static org.assertj.core.api.Assertions.assertThat;

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
}
