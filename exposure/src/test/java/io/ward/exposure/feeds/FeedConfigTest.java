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

  @Test
  void shouldNameTheKindsThereAreForAnUnknownOrMissingKind() throws IOException {
    Path typo = dir.resolve("typo.yaml");
    Files.writeString(typo, "feeds:\n  - {name: kev, kind: kevv, url: https://x.example/k.json}\n");
    Path missing = dir.resolve("missing.yaml");
    Files.writeString(missing, "feeds:\n  - {name: kev, url: https://x.example/k.json}\n");

    assertThatThrownBy(() -> FeedConfig.load(typo))
        .isInstanceOf(IOException.class)
        .hasMessage(
            typo
                + ": feed kev: kind must be one of csaf, nvd, cve5, kev, epss, openfda, cyclonedx,"
                + " not 'kevv'");
    assertThatThrownBy(() -> FeedConfig.load(missing))
        .isInstanceOf(IOException.class)
        .hasMessageEndingWith(
            "feed kev: kind must be one of csaf, nvd, cve5, kev, epss, openfda,"
                + " cyclonedx, and is missing");
  }

  /** A misspelt limit was ignored, and the sync ran with the default it was meant to replace. */
  @Test
  void shouldRefuseAnUnknownKeyNamingTheFileTheFeedAndTheKeysThereAre() throws IOException {
    Path misspelt = dir.resolve("misspelt.yaml");
    Files.writeString(
        misspelt,
        """
        feeds:
          - name: acme-csaf
            kind: csaf
            url: https://acme.example/.well-known/csaf/provider-metadata.json
            maxDocument: 200
        """);
    Path top = dir.resolve("top.yaml");
    Files.writeString(
        top, "timeout: 30\nfeeds:\n  - {name: kev, kind: kev, url: https://x.example/k.json}\n");

    assertThatThrownBy(() -> FeedConfig.load(misspelt))
        .isInstanceOf(IOException.class)
        .hasMessage(
            misspelt
                + ": feed acme-csaf: unknown key 'maxDocument'; the keys are name, kind, url, mode,"
                + " maxDocuments, maxDocumentMegabytes, maxTotalMegabytes, delayMillis, apiKeyEnv,"
                + " pageSize");
    assertThatThrownBy(() -> FeedConfig.load(top))
        .isInstanceOf(IOException.class)
        .hasMessage(top + ": unknown key 'timeout'; the keys are timeoutSeconds, feeds");
  }

  @Test
  void shouldReadProviderAndApiOptionsAndDefaultTheRest() throws IOException {
    Path file = dir.resolve("feeds.yaml");
    Files.writeString(
        file,
        """
        feeds:
          - name: acme-csaf
            kind: CSAF
            url: https://acme.example/.well-known/csaf/provider-metadata.json
            maxDocuments: 200
            maxDocumentMegabytes: 4
          - name: nvd-infusion
            kind: nvd
            url: https://services.nvd.nist.gov/rest/json/cves/2.0?keywordSearch=infusion
            apiKeyEnv: NVD_API_KEY
            delayMillis: 0
            pageSize: 500
          - name: nvd-2024
            kind: NVD
            url: https://nvd.nist.gov/feeds/json/cve/2.0/nvdcve-2.0-2024.json.gz
        """);

    FeedConfig config = FeedConfig.load(file);

    FeedConfig.Options csaf = config.feeds().get(0).options();
    assertThat(csaf.mode()).isEqualTo(FeedConfig.Mode.AUTO);
    assertThat(csaf.maxDocuments()).isEqualTo(200);
    assertThat(csaf.maxDocumentBytes()).isEqualTo(4L * 1024 * 1024);
    assertThat(csaf.requestDelay()).isEmpty();
    FeedConfig.Source api = config.feeds().get(1);
    assertThat(api.isNvdApi()).isTrue();
    assertThat(api.options().apiKeyEnv()).contains("NVD_API_KEY");
    assertThat(api.options().requestDelay()).contains(Duration.ZERO);
    assertThat(api.options().pageSize()).isEqualTo(500);
    assertThat(api.options().maxDocuments()).isEqualTo(FeedConfig.Options.DEFAULT_MAX_DOCUMENTS);
    assertThat(config.feeds().get(2).isNvdApi()).isFalse();
    assertThat(config.feeds().get(2).options().pageSize()).isEqualTo(2000);
  }

  @Test
  void shouldRejectOptionsOutOfRangeWithTheirName() throws IOException {
    String head = "feeds:\n  - {name: n, kind: NVD, url: https://x.example/cves/2.0, ";
    for (String[] bad :
        new String[][] {
          {"pageSize: 5000}", "pageSize"},
          {"maxDocuments: 0}", "maxDocuments"},
          {"maxDocumentMegabytes: many}", "maxDocumentMegabytes"},
          {"delayMillis: -5}", "delay"},
          {"apiKeyEnv: 3f1c0a4e-9b7d}", "apiKeyEnv must name an environment variable"},
          {"mode: DISCOVER}", "CSAF feeds only"},
          {"mode: sideways}", "mode must be one of"}
        }) {
      Path file = dir.resolve("bad.yaml");
      Files.writeString(file, head + bad[0] + "\n");
      assertThatThrownBy(() -> FeedConfig.load(file))
          .as(bad[0])
          .isInstanceOf(IOException.class)
          .hasMessageContaining(bad[1]);
    }
  }
}
