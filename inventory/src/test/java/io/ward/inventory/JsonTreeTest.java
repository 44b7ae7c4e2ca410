package io.ward.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** The streaming tree reader gives what ObjectMapper.readTree gives, and refuses what it should. */
class JsonTreeTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @Test
  void readsTheTreeObjectMapperReads() throws IOException {
    String doc =
        "{\"a\":[1,-2,3000000000,123456789012345678901234567890,0.25,-1e-3,true,false,null],"
            + "\"b\":{\"c\":\"text \\u00e9\\n\",\"d\":{},\"e\":[]},\"f\":\"\"}";
    assertThat(JsonTree.read(in(doc))).isEqualTo(MAPPER.readTree(doc));
    for (String scalar : new String[] {"7", "\"x\"", "[]", "null"}) {
      assertThat(JsonTree.read(in(scalar))).as(scalar).isEqualTo(MAPPER.readTree(scalar));
    }
  }

  @Test
  void readsEveryBundledFileAsObjectMapperDoes() throws IOException {
    for (String name : KnowledgeBase.indexNames(resource("INDEX"))) {
      String compiled = BundledKbCompiler.compiledName(name);
      try (InputStream a = resource(compiled);
          InputStream b = resource(compiled)) {
        assertThat(JsonTree.read(a)).as(compiled).isEqualTo(MAPPER.readTree(b));
      }
    }
  }

  @Test
  void givesNothingForAnEmptyDocument() throws IOException {
    assertThat(JsonTree.read(in(""))).isNull();
    assertThat(JsonTree.read(in("  \n"))).isNull();
  }

  @Test
  void refusesDuplicateKeysTrailingValuesDeepNestingAndBrokenText() {
    assertThatThrownBy(() -> JsonTree.read(in("{\"a\":1,\"a\":2}")))
        .isInstanceOf(JsonProcessingException.class)
        .hasMessageContaining("Duplicate field 'a'");
    assertThatThrownBy(() -> JsonTree.read(in("{} {}")))
        .isInstanceOf(JsonProcessingException.class)
        .hasMessageContaining("more than one value");
    String deep = "[".repeat(JsonTree.MAX_DEPTH + 2) + "]".repeat(JsonTree.MAX_DEPTH + 2);
    assertThatThrownBy(() -> JsonTree.read(in(deep)))
        .isInstanceOf(JsonProcessingException.class)
        .hasMessageContaining("nested deeper");
    assertThatThrownBy(() -> JsonTree.read(in("{\"a\": [1, }")))
        .isInstanceOf(JsonProcessingException.class);
    assertThatThrownBy(() -> JsonTree.read(in("{\"a\": ")))
        .isInstanceOf(JsonProcessingException.class);
  }

  /** Any text: a tree equal to ObjectMapper's, or a parse error; never another exception. */
  @Property(tries = 3_000)
  void readsAnyTextAsObjectMapperDoesOrRefusesIt(@ForAll("jsonish") String text) {
    JsonNode tree;
    try {
      tree = JsonTree.read(in(text));
    } catch (IOException e) {
      return; // refused, as it should be: a parse error, named by Jackson
    }
    JsonNode expected;
    try {
      expected = MAPPER.readTree(text);
    } catch (IOException e) {
      throw new AssertionError("JsonTree accepted what ObjectMapper refuses: " + text, e);
    }
    if (tree == null) {
      assertThat(expected == null || expected.isMissingNode()).as(text).isTrue();
    } else {
      assertThat(tree).as(text).isEqualTo(expected);
    }
  }

  @Provide
  Arbitrary<String> jsonish() {
    Arbitrary<String> token =
        Arbitraries.of(
            "{",
            "}",
            "[",
            "]",
            ",",
            ":",
            "\"a\"",
            "\"b\"",
            "\"\\u00e9\"",
            "1",
            "-2.5e3",
            "true",
            "null",
            " ",
            "\"",
            "x",
            "01",
            "9999999999999999999999");
    return token.list().ofMaxSize(12).map(l -> String.join("", l));
  }

  private static InputStream in(String s) {
    return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
  }

  private static InputStream resource(String name) {
    return KnowledgeBase.class.getResourceAsStream("kb/" + name);
  }
}
