package io.ward.exposure.feeds.csaf;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.AnnotationKeyword;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.KeywordFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.UnknownKeywordFactory;
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
    static final JsonSchema SCHEMA = load(UnknownKeywordFactory.getInstance());
  }

  private CsafSchema() {}

  /**
   * The CSAF schema; {@code unknownKeywords} decides what a keyword no vocabulary defines becomes
   * (the library's default logs a warning for each). The FIRST CVSS schemas carry a top-level
   * {@code license} array, registered here as an annotation so that loading them says nothing.
   */
  static JsonSchema load(KeywordFactory unknownKeywords) {
    JsonMetaSchema meta =
        JsonMetaSchema.builder(JsonMetaSchema.getV202012())
            .keyword(new AnnotationKeyword("license"))
            .unknownKeywordFactory(unknownKeywords)
            .build();
    JsonSchemaFactory factory =
        JsonSchemaFactory.getInstance(
            SpecVersion.VersionFlag.V202012,
            builder ->
                builder
                    .metaSchema(meta)
                    .schemaMappers(
                        mappers ->
                            mappers
                                .mapPrefix("https://www.first.org/cvss/", SCHEMA_DIR)
                                .mapPrefix(
                                    "https://docs.oasis-open.org/csaf/csaf/v2.0/", SCHEMA_DIR)));
    SchemaValidatorsConfig config =
        SchemaValidatorsConfig.builder()
            .pathType(PathType.JSON_POINTER)
            .formatAssertionsEnabled(true)
            .build();
    JsonSchema schema = factory.getSchema(SchemaLocation.of(CSAF_ID), config);
    schema.initializeValidators(); // every referenced schema now, not on some later document
    return schema;
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
