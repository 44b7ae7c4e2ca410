package io.ward.exposure.feeds.cmdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class CsvParserPropertiesTest {

  @Property(tries = 300)
  void shouldReadBackWhatAWriterQuotedWhateverTheLineEnds(
      @ForAll("tables") List<List<String>> table,
      @ForAll("lineEnds") String eol,
      @ForAll boolean bom)
      throws IOException {
    StringBuilder csv = new StringBuilder(bom ? "\uFEFF" : "");
    for (List<String> row : table) {
      List<String> cells = new ArrayList<>();
      for (String cell : row) {
        boolean quote =
            cell.isEmpty() || cell.matches("(?s).*[,\"\r\n].*") || cell.startsWith("\uFEFF");
        cells.add(quote ? "\"" + cell.replace("\"", "\"\"") + "\"" : cell);
      }
      csv.append(String.join(",", cells)).append(eol);
    }

    CsvParser.Result result = CsvParser.parse(new StringReader(csv.toString()), ',');

    assertThat(result.errors()).isEmpty();
    assertThat(result.rows()).extracting(CsvParser.Row::fields).isEqualTo(table);
  }

  @Property(tries = 300)
  void shouldNeverThrowAndCountLinesForArbitraryText(@ForAll("noise") String text)
      throws IOException {
    CsvParser.Result result = CsvParser.parse(new StringReader(text), ',');

    long lines = text.chars().filter(c -> c == '\n').count() + 1;
    assertThat(result.rows())
        .allSatisfy(
            r ->
                assertThat(r.line())
                    .isBetween(1L, lines + text.chars().filter(c -> c == '\r').count()));
  }

  @Provide
  Arbitrary<List<List<String>>> tables() {
    Arbitrary<String> cell = Arbitraries.strings().withChars("ab,\"\r\n é1 ").ofMaxLength(8);
    return Arbitraries.integers()
        .between(1, 5)
        .flatMap(width -> cell.list().ofSize(width).list().ofMinSize(1).ofMaxSize(6))
        .filter(t -> t.stream().noneMatch(r -> r.size() == 1 && r.get(0).isEmpty()));
  }

  @Provide
  Arbitrary<String> lineEnds() {
    return Arbitraries.of("\n", "\r\n", "\r");
  }

  @Provide
  Arbitrary<String> noise() {
    return Arbitraries.strings().withChars("a,\"\r\n\uFEFF;").ofMaxLength(60);
  }
}
