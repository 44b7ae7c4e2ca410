package io.ward.exposure.feeds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeedConfigTest {

  @TempDir Path dir;

  @Test
  void shouldLoadTheBundledSample() throws IOException {
    Path file = dir.resolve("feeds.yaml");
    try (InputStream in = FeedConfig.class.getResourceAsStream("feeds.sample.yaml")) {
      Files.copy(in, file);
    }

    FeedConfig config = FeedConfig.load(file);

    assertThat(config.timeout()).isEqualTo(Duration.ofSeconds(120));
    assertThat(config.feeds())
        .extracting(FeedConfig.Source::kind)
        .containsExactly(FeedKind.KEV, FeedKind.EPSS, FeedKind.OPENFDA);
    assertThat(new FeedStore(dir).target(config.feeds().get(1)).toString())
        .endsWith("epss/epss.csv.gz");
  }

  @Test
  void shouldRejectUnsafeNamesAndNonHttpUrls() throws IOException {
    Path traversal = dir.resolve("a.yaml");
    Files.writeString(
        traversal, "feeds:\n  - {name: ../../etc, kind: KEV, url: https://x.example/k.json}\n");
    Path file = dir.resolve("b.yaml");
    Files.writeString(file, "feeds:\n  - {name: kev, kind: KEV, url: file:///etc/passwd}\n");

    assertThatThrownBy(() -> FeedConfig.load(traversal))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("name");
    assertThatThrownBy(() -> FeedConfig.load(file))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("http");
  }
}
