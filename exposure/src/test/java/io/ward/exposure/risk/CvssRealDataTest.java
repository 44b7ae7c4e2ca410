package io.ward.exposure.risk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Recomputes every CVSS score published in the real CVE JSON 5 records and CISA CSAF advisories
 * under {@code $WARD_TESTDATA} from its vector and compares with the published base score.
 */
class CvssRealDataTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  static Path testData() {
    String env = System.getenv("WARD_TESTDATA");
    return env != null ? Path.of(env) : Path.of("../../shared/data");
  }

  record Published(String file, String vector, double score) {}

  private static List<Published> published() throws IOException {
    List<Published> out = new ArrayList<>();
    Path advisories = testData().resolve("advisories");
    try (Stream<Path> files = Files.walk(advisories)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".json")).toList()) {
        collect(JSON.readTree(f.toFile()), f.getFileName().toString(), out);
      }
    }
    return out;
  }

  private static void collect(JsonNode node, String file, List<Published> out) {
    if (node.isObject()) {
      JsonNode vector = node.get("vectorString");
      JsonNode score = node.get("baseScore");
      if (vector != null && score != null && vector.asText().startsWith("CVSS:")) {
        out.add(new Published(file, vector.asText(), score.asDouble()));
      }
      node.elements().forEachRemaining(n -> collect(n, file, out));
    } else if (node.isArray()) {
      node.elements().forEachRemaining(n -> collect(n, file, out));
    }
  }

  @Test
  void shouldReproduceEveryPublishedV3BaseScore() throws IOException {
    List<Published> v3 = published().stream().filter(p -> p.vector().startsWith("CVSS:3")).toList();
    assertThat(v3).hasSizeGreaterThan(200);
    List<String> mismatches = new ArrayList<>();
    for (Published p : v3) {
      double mine = CvssV3.parse(p.vector()).baseScore();
      if (mine != p.score()) {
        mismatches.add(
            p.file() + " " + p.vector() + " published " + p.score() + " computed " + mine);
      }
    }
    assertThat(mismatches).isEmpty();
  }

  @Test
  void shouldReproduceEveryPublishedV4Score() throws IOException {
    List<Published> v4 =
        published().stream().filter(p -> p.vector().startsWith("CVSS:4.0")).toList();
    assertThat(v4).hasSizeGreaterThanOrEqualTo(10);
    for (Published p : v4) {
      assertThat(CvssV4.parse(p.vector()).score())
          .as(p.file() + " " + p.vector())
          .isEqualTo(p.score());
    }
  }
}
