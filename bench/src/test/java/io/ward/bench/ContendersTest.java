package io.ward.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
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

  @Test
  void shouldRunTheFullAnalysisOnTheStartCaptureAsOnTheWholeOne() {
    System.clearProperty(PROPERTY);
    CaptureFile start = new CaptureFile("1× start", Path.of("start.pcap"), 1, 100, "test");
    List<Contender> all =
        Contenders.all(Path.of("java"), Path.of("ward.jar"), PCAP, PCAP, PCAP, start);
    Contender full = byId(all, Contenders.WARD_FULL);
    Contender first = byId(all, Contenders.WARD_FULL_START);

    assertThat(first.input()).isEqualTo(start);
    List<String> wholeButInput = full.command().subList(0, full.command().size() - 1);
    assertThat(first.command()).isEqualTo(append(wholeButInput, "start.pcap"));
  }

  @Test
  void shouldKeepAHundredThousandPacketsOfALargeCaptureAndATenthOfASmallOne() {
    assertThat(CaptureMaker.startPackets(1_542_667)).isEqualTo(100_000);
    assertThat(CaptureMaker.startPackets(1_000_000)).isEqualTo(100_000);
    assertThat(CaptureMaker.startPackets(999_999)).isEqualTo(99_999);
    assertThat(CaptureMaker.startPackets(5)).isEqualTo(1);
  }

  private static Contender byId(List<Contender> all, String id) {
    return all.stream().filter(c -> c.id().equals(id)).findFirst().orElseThrow();
  }

  private static List<String> append(List<String> list, String last) {
    List<String> l = new java.util.ArrayList<>(list);
    l.add(last);
    return l;
  }
}
