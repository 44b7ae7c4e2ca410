package io.ward.exposure.feeds.epss;

import static org.assertj.core.api.Assertions.assertThat;

import io.ward.exposure.feeds.FeedResult;
import io.ward.exposure.feeds.Fixtures;
import io.ward.model.exposure.EpssScore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EpssReaderTest {

  private static final LocalDate FALLBACK = LocalDate.of(2000, 1, 1);

  private final EpssReader reader = new EpssReader();

  @Test
  void shouldReadPlainAndGzipFilesAlikeWithTheScoreDateOfTheHeader() {
    FeedResult<EpssScore> plain =
        reader.read(Fixtures.path("epss/epss_scores-sample.csv"), FALLBACK);
    FeedResult<EpssScore> gzip =
        reader.read(Fixtures.path("epss/epss_scores-sample.csv.gz"), FALLBACK);

    assertThat(plain.problems()).isEmpty();
    assertThat(gzip.items()).isEqualTo(plain.items());
    assertThat(plain.items()).hasSize(4);
    EpssScore first = plain.items().get(0);
    assertThat(first.cve()).isEqualTo("CVE-2017-0144");
    assertThat(first.score()).isEqualTo(0.97565);
    assertThat(first.percentile()).isEqualTo(0.99995);
    assertThat(first.date()).isEqualTo(LocalDate.of(2024, 10, 24));
    assertThat(first.modelVersion()).contains("v2023.03.01");
  }

  @Test
  void shouldReportBadRowsByLineAndKeepTheRest(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("epss.csv");
    Files.writeString(
        file,
        "cve,epss,percentile\r\nCVE-2024-0001,0.5,0.9\r\nCVE-2024-0002,abc,0.1\r\n"
            + "bogus,0.1,0.1\r\nCVE-2024-0003,1.5,0.2\r\nCVE-2024-0004\r\nCVE-2024-0005,0.01,0.02\r\n");

    FeedResult<EpssScore> result = reader.read(file, FALLBACK);

    assertThat(result.items())
        .extracting(EpssScore::cve)
        .containsExactly("CVE-2024-0001", "CVE-2024-0005");
    assertThat(result.items()).allSatisfy(s -> assertThat(s.date()).isEqualTo(FALLBACK));
    assertThat(result.problems())
        .extracting(p -> p.location().orElse(""))
        .containsExactly("line 3", "line 4", "line 5", "line 6");
  }

  @Test
  void shouldKeepRowsReadBeforeATruncatedGzipStream(@TempDir Path dir) throws IOException {
    byte[] gz = Files.readAllBytes(Fixtures.path("epss/epss_scores-sample.csv.gz"));
    Path file = dir.resolve("cut.csv.gz");
    Files.write(file, Arrays.copyOf(gz, gz.length - 12));

    FeedResult<EpssScore> result = reader.read(file, FALLBACK);

    assertThat(result.hasErrors()).isTrue();
    assertThat(result.problems().get(0).file()).endsWith("cut.csv.gz");
  }
}
