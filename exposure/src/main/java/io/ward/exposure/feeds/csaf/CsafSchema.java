package io.ward.exposure.feeds.csaf;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.util.Comparator;
import java.util.List;

/**
 * The OASIS CSAF 2.0 JSON schema with the FIRST CVSS schemas it references, all read from the
 * classpath (see {@code schema/README.md}) so validation never goes to the network.
 */
final class CsafSchema {

  private static final String SCHEMA_DIR = "classpath:io/ward/exposure/feeds/csaf/schema/";
  private static final String CSAF_ID =
      "https://docs.oasis-open.org/csaf/csaf/v2.0/csaf_json_schema.json";

  /** One schema violation: where (JSON pointer) and what. */
  record Violation(String pointer, String message) {}

  private static final class Holder {
    static final JsonSchema SCHEMA = load();
  }

  private CsafSchema() {}

  private static JsonSchema load() {
    JsonSchemaFactory factory =
        JsonSchemaFactory.getInstance(
            SpecVersion.VersionFlag.V202012,
            builder ->
                builder.schemaMappers(
                    mappers ->
                        mappers
                            .mapPrefix("https://www.first.org/cvss/", SCHEMA_DIR)
                            .mapPrefix("https://docs.oasis-open.org/csaf/csaf/v2.0/", SCHEMA_DIR)));
    SchemaValidatorsConfig config =
        SchemaValidatorsConfig.builder()
            .pathType(PathType.JSON_POINTER)
            .formatAssertionsEnabled(true)
            .build();
    return factory.getSchema(SchemaLocation.of(CSAF_ID), config);
  }

  /** The violations of {@code document}, sorted by pointer; empty when it is valid. */
  static List<Violation> validate(JsonNode document) {
    return Holder.SCHEMA.validate(document).stream()
        .map(CsafSchema::violation)
        .sorted(Comparator.comparing(Violation::pointer).thenComparing(Violation::message))
        .toList();
  }

  private static Violation violation(ValidationMessage message) {
    String pointer = message.getInstanceLocation().toString();
    return new Violation(pointer.isEmpty() ? "/" : pointer, message.getMessage());
  }
}
