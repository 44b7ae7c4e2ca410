package io.ward.exposure.feeds.csaf;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ward.exposure.feeds.FeedProblem;
import io.ward.exposure.feeds.FeedResult;
import io.ward.exposure.feeds.Json;
import io.ward.exposure.feeds.TestData;
import io.ward.model.exposure.Advisory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsafReaderBadInputTest {

  private static final Path REAL =
      TestData.path("advisories/cisa-csaf/medical-icsma/icsma-23-194-01.json");

  @TempDir Path dir;

  private final CsafReader reader = new CsafReader();

  @Test
  void shouldReportTruncatedFileWithoutThrowing() throws IOException {
    Path file = dir.resolve("truncated.json");
    byte[] bytes = Files.readAllBytes(REAL);
    Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length / 2));

    FeedResult<Advisory> result = reader.read(file);

    assertThat(result.items()).isEmpty();
    assertThat(result.problems())
        .singleElement()
        .satisfies(p -> assertThat(p.file()).endsWith("truncated.json"))
        .satisfies(p -> assertThat(p.message()).startsWith("not valid JSON"));
  }

  @Test
  void shouldImportSchemaInvalidDocumentWhenCoreFieldsArePresent() throws IOException {
    ObjectNode doc = (ObjectNode) Json.read(REAL);
    ((ObjectNode) doc.get("document")).put("category", 42);
    ((ObjectNode) doc.get("vulnerabilities").get(0)).put("cve", "not-a-cve");
    Path file = dir.resolve("invalid.json");
    Json.mapper().writeValue(file.toFile(), doc);

    FeedResult<Advisory> result = reader.read(file);

    assertThat(result.items()).hasSize(1);
    assertThat(result.items().get(0).vulnerabilities().size()).isEqualTo(8);
    assertThat(result.problems())
        .filteredOn(FeedProblem::isError)
        .extracting(p -> p.location().orElse(""))
        .contains("/document/category", "/vulnerabilities/0/cve");
    assertThat(result.problems())
        .anySatisfy(p -> assertThat(p.message()).startsWith("imported despite schema violations"));
  }

  @Test
  void shouldRejectDocumentWithoutTrackingId() throws IOException {
    ObjectNode doc = (ObjectNode) Json.read(REAL);
    ((ObjectNode) doc.get("document").get("tracking")).remove("id");
    Path file = dir.resolve("no-id.json");
    Json.mapper().writeValue(file.toFile(), doc);

    FeedResult<Advisory> result = reader.read(file);

    assertThat(result.items()).isEmpty();
    assertThat(result.problems())
        .anySatisfy(p -> assertThat(p.location()).contains("/document/tracking/id"));
  }

  @Test
  void shouldSurviveHostileNestingAndWrongTypes() throws IOException {
    Path deep = dir.resolve("deep.json");
    Files.writeString(deep, "[".repeat(100_000));
    Path array = dir.resolve("array.json");
    Files.writeString(array, "[1,2,3]");
    Path wrongTypes = dir.resolve("types.json");
    Files.writeString(
        wrongTypes,
        """
        {"document":{"csaf_version":"2.0","title":"t","tracking":{"id":"X-1"}},
         "product_tree":{"branches":[{"category":"vendor","name":"V","branches":"no"},7,
           {"category":"product_version","name":"1.0","product":{"name":"p"}}]},
         "vulnerabilities":[{"product_status":{"known_affected":"CSAFPID-1"},
           "scores":[{"cvss_v3":{"vectorString":"CVSS:3.1/AV:N","baseScore":99}}],
           "remediations":[{"category":"reboot"}],"flags":[{"label":"nope"}]},"x"]}
        """);

    assertThat(reader.read(deep).problems())
        .singleElement()
        .satisfies(p -> assertThat(p.isError()).isTrue());
    assertThat(reader.read(array).items()).isEmpty();
    FeedResult<Advisory> typed = reader.read(wrongTypes);
    assertThat(typed.items())
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.products()).isEmpty();
              assertThat(a.vulnerabilities()).hasSize(1);
              assertThat(a.vulnerabilities().get(0).scores()).isEmpty();
            });
    assertThat(typed.problems())
        .extracting(FeedProblem::message)
        .anySatisfy(m -> assertThat(m).contains("product without product_id"))
        .anySatisfy(m -> assertThat(m).contains("CVSS without a valid"))
        .anySatisfy(m -> assertThat(m).contains("remediation without a known category"));
  }
}
