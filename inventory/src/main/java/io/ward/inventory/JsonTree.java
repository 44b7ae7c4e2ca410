package io.ward.inventory;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads a JSON document into the tree {@code ObjectMapper.readTree} gives (the same node types),
 * with Jackson's streaming parser and duplicate keys refused.
 *
 * <p>Why not {@code ObjectMapper}: making the first one in a JVM initialises most of Jackson's data
 * binding, about 60 ms of the knowledge loader's processor time at every analysis, for a tree it
 * builds from a few plain tokens.
 */
final class JsonTree {
  private static final JsonFactory FACTORY =
      JsonFactory.builder()
          .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .build();

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** Nesting deeper than any knowledge-base file's is refused. */
  static final int MAX_DEPTH = 64;

  private JsonTree() {}

  /** The document's tree, or null when it holds no value at all. */
  static JsonNode read(InputStream in) throws IOException {
    try (JsonParser p = FACTORY.createParser(in)) {
      JsonToken t = p.nextToken();
      if (t == null) {
        return null;
      }
      JsonNode root = value(p, t, 0);
      if (p.nextToken() != null) {
        throw new JsonParseException(p, "more than one value in the document");
      }
      return root;
    }
  }

  private static JsonNode value(JsonParser p, JsonToken t, int depth) throws IOException {
    if (depth > MAX_DEPTH) {
      throw new JsonParseException(p, "nested deeper than " + MAX_DEPTH);
    }
    switch (t) {
      case START_OBJECT:
        ObjectNode o = NODES.objectNode();
        for (JsonToken k = p.nextToken(); k != JsonToken.END_OBJECT; k = p.nextToken()) {
          String name = p.currentName();
          o.set(name, value(p, p.nextToken(), depth + 1));
        }
        return o;
      case START_ARRAY:
        ArrayNode a = NODES.arrayNode();
        for (JsonToken e = p.nextToken(); e != JsonToken.END_ARRAY; e = p.nextToken()) {
          a.add(value(p, e, depth + 1));
        }
        return a;
      case VALUE_STRING:
        return NODES.textNode(p.getText());
      case VALUE_NUMBER_INT:
        switch (p.getNumberType()) {
          case INT:
            return NODES.numberNode(p.getIntValue());
          case LONG:
            return NODES.numberNode(p.getLongValue());
          default:
            return NODES.numberNode(p.getBigIntegerValue());
        }
      case VALUE_NUMBER_FLOAT:
        return NODES.numberNode(p.getDoubleValue());
      case VALUE_TRUE:
        return NODES.booleanNode(true);
      case VALUE_FALSE:
        return NODES.booleanNode(false);
      case VALUE_NULL:
        return NODES.nullNode();
      default:
        throw new JsonParseException(p, "unexpected " + t);
    }
  }
}
