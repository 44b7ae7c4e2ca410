package io.ward.exposure.feeds.csaf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.DisallowUnknownKeywordFactory;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import io.ward.exposure.feeds.Json;
import io.ward.exposure.feeds.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The bundled CSAF and CVSS schemas load without a keyword the validator does not know, so the
 * library's "Unknown keyword" warnings never reach a user's terminal: loaded with a factory that
 * refuses unknown keywords, the schema still validates the real CISA advisories.
 */
class CsafSchemaTest {

  @Test
  void shouldLoadEveryBundledSchemaWithoutAnUnknownKeyword() throws Exception {
    var strict = CsafSchema.load(DisallowUnknownKeywordFactory.getInstance());
    List<Path> advisories;
    try (Stream<Path> files =
        Files.list(TestData.root().resolve("advisories/cisa-csaf/medical-icsma"))) {
      advisories = files.filter(p -> p.toString().endsWith(".json")).sorted().limit(20).toList();
    }
    assertThat(advisories).isNotEmpty();
    for (Path p : advisories) {
      JsonNode doc = Json.read(p);
      // Strict loading changes nothing a document is held to.
      assertThat(strict.validate(doc)).as(p.toString()).hasSize(CsafSchema.validate(doc).size());
    }
  }

  @Test
  void shouldRefuseTheCvssSchemaStrictlyWithoutTheLicenseKeyword() {
    // The guard of the test above: without registering 'license', strict loading fails.
    JsonMetaSchema bare =
        JsonMetaSchema.builder(JsonMetaSchema.getV202012())
            .unknownKeywordFactory(DisallowUnknownKeywordFactory.getInstance())
            .build();
    JsonSchemaFactory factory =
        JsonSchemaFactory.getInstance(
            SpecVersion.VersionFlag.V202012,
            b ->
                b.metaSchema(bare)
                    .schemaMappers(
                        m ->
                            m.mapPrefix(
                                "https://www.first.org/cvss/",
                                "classpath:io/ward/exposure/feeds/csaf/schema/")));
    assertThatThrownBy(
            () ->
                factory
                    .getSchema(SchemaLocation.of("https://www.first.org/cvss/cvss-v3.1.json"))
                    .initializeValidators())
        .hasMessageContaining("license");
  }
}
