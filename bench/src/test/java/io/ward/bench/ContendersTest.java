package io.ward.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The header walk runs with the same huge pages as Ward's processes, and only then. */
class ContendersTest {
  private static final String PROPERTY = "ward.javaOptions";
  private static final String HUGE_PAGES = "-XX:+UseTransparentHugePages";
  private static final CaptureFile PCAP =
      new CaptureFile("1× pcap", Path.of("capture-1x.pcap"), 10, 1000, "test");

  private final String saved = System.getProperty(PROPERTY);

  @AfterEach
  void restore() {
    if (saved == null) {
      System.clearProperty(PROPERTY);
    } else {
      System.setProperty(PROPERTY, saved);
    }
  }

  @Test
  void shouldGiveTheHeaderWalkHugePagesWhenWardRunsWithThem() {
    System.setProperty(PROPERTY, "-XX:+UseSerialGC -Xms128m " + HUGE_PAGES);

    assertThat(Contenders.headerWalkCommand(Path.of("java"), PCAP))
        .containsSubsequence("java", "-XX:+UseSerialGC", HUGE_PAGES, "-cp")
        .endsWith(HeaderWalk.class.getName(), "capture-1x.pcap")
        .doesNotContain("-Xms128m");
  }

  @Test
  void shouldLeaveThemOutWhenWardRunsWithout() {
    System.setProperty(PROPERTY, "-XX:+UseSerialGC -Xms128m");

    assertThat(Contenders.headerWalkCommand(Path.of("java"), PCAP))
        .doesNotContain(HUGE_PAGES)
        .startsWith("java", "-XX:+UseSerialGC", "-cp");
  }
}
