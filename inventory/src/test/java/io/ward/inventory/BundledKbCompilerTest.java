package io.ward.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JSON the build writes from the bundled YAML is the same tree, file by file, so the knowledge
 * base an analysis loads is the one the YAML describes; and a broken file fails the build, named.
 */
class BundledKbCompilerTest {
  @TempDir Path dir;

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void theBuiltJsonOfEveryBundledFileIsItsYamlTree() throws IOException {
    List<String> names;
    try (InputStream in = resource("INDEX")) {
      names = KnowledgeBase.indexNames(in);
    }
    assertThat(names).hasSizeGreaterThan(5);
    for (String name : names) {
      try (InputStream yaml = resource(name);
          InputStream json = resource(BundledKbCompiler.compiledName(name))) {
        assertThat(json)
            .as("built kb/%s.json (the inventory module's process-classes step)", name)
            .isNotNull();
        JsonNode fromYaml = YAML.readTree(yaml);
        assertThat(JSON.readTree(json)).as(name).isEqualTo(fromYaml);
        assertThat(fromYaml.size()).as(name).isPositive();
      }
    }
  }

  @Test
  void writesJsonBesideEachListedFile() throws IOException {
    write("INDEX", "# comment\n\na.yaml\n");
    write("a.yaml", "fingerprints:\n  - id: x # a comment\n    confidence: 0.5\n");
    BundledKbCompiler.main(new String[] {dir.toString()});
    assertThat(JSON.readTree(dir.resolve("a.yaml.json").toFile()))
        .isEqualTo(JSON.readTree("{\"fingerprints\":[{\"id\":\"x\",\"confidence\":0.5}]}"));
  }

  @Test
  void failsNamingAFileThatIsNotValidYamlOrRepeatsAKey() throws IOException {
    write("INDEX", "bad.yaml\n");
    write("bad.yaml", "fingerprints: [\n");
    assertThatThrownBy(() -> BundledKbCompiler.main(new String[] {dir.toString()}))
        .isInstanceOf(IOException.class)
        .hasMessageStartingWith("bundled kb/bad.yaml: ");
    write("bad.yaml", "fingerprints: []\nfingerprints: []\n");
    assertThatThrownBy(() -> BundledKbCompiler.main(new String[] {dir.toString()}))
        .hasMessageContaining("bundled kb/bad.yaml")
        .hasMessageContaining("fingerprints");
    assertThat(dir.resolve("bad.yaml.json")).doesNotExist();
  }

  private static InputStream resource(String name) {
    return KnowledgeBase.class.getResourceAsStream("kb/" + name);
  }

  private void write(String name, String text) throws IOException {
    Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
  }
}
