package io.ward.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import io.ward.model.MacAddress;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.Chars;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OuiRegistryTest {

  @TempDir Path dir;

  @Test
  void shouldReadQuotedUnquotedAndCrlfRowsAndSkipMalformedAssignments() throws Exception {
    write(
        "oui.csv",
        "Registry,Assignment,Organization Name,Organization Address\r\n"
            + "MA-L,002272,American Micro-Fuel Device Corp.,2181 Buchanan Loop\r\n"
            + "MA-L,00d0ef,\"IGT, \"\"Gaming\"\" Inc.\",\"9295, PROTOTYPE DRIVE\"\r\n"
            + "MA-L,  ABCDEF  ,  Spaced \t  Name  ,x\n"
            + "MA-L,00XY00,Not Hex,x\n"
            + "MA-L,0012345,Wrong Length For MA-L Yet Valid MA-M Digits,x\n"
            + "MA-L,001234,,x\n"
            + "\n"
            + "MA-L,FFFFFE,Über Médical GmbH,x");
    write("mam.csv", "Registry,Assignment,Organization Name\nMA-M,0022727,Inner Block Ltd,x\n");

    OuiRegistry r = OuiRegistry.load(dir);

    assertThat(r.size()).isEqualTo(6);
    assertThat(r.organization(MacAddress.parse("00:22:72:01:02:03")))
        .contains("American Micro-Fuel Device Corp.");
    assertThat(r.organization(MacAddress.parse("00:22:72:71:02:03"))).contains("Inner Block Ltd");
    assertThat(r.organization(MacAddress.parse("00:d0:ef:00:00:01")))
        .contains("IGT, \"Gaming\" Inc.");
    assertThat(r.organization(MacAddress.parse("ab:cd:ef:00:00:01"))).contains("Spaced Name");
    assertThat(r.organization(MacAddress.parse("ff:ff:fe:00:00:01"))).contains("Über Médical GmbH");
    assertThat(r.organization(MacAddress.parse("00:12:34:00:00:01"))).isEmpty();
  }

  @Test
  void theFirstRowOfAnAssignmentWinsWithinAFileAndAcrossFiles() throws Exception {
    write(
        "oui.csv",
        "Registry,Assignment,Organization Name\n"
            + "MA-L,0A0B0C,First In oui.csv,x\n"
            + "MA-L,0A0B0C,Second In oui.csv,x\n"
            + "MA-L,000001,Low,x\n"
            + "MA-L,FFFFFF,High,x\n");
    write("iab.csv", "Registry,Assignment,Organization Name\nIAB,0A0B0C,Again In iab.csv,x\n");

    OuiRegistry r = OuiRegistry.load(dir);

    assertThat(r.size()).isEqualTo(3);
    assertThat(r.organization(MacAddress.parse("0a:0b:0c:00:00:01"))).contains("First In oui.csv");
    assertThat(r.organization(MacAddress.parse("00:00:01:ff:ff:ff"))).contains("Low");
    assertThat(r.organization(MacAddress.parse("ff:ff:ff:00:00:00"))).contains("High");
    assertThat(r.organization(MacAddress.parse("00:00:00:00:00:01"))).isEmpty();
    assertThat(r.organization(MacAddress.parse("0a:0b:0d:00:00:01"))).isEmpty();
  }

  /**
   * Every assignment of the bundled snapshot (46,000 rows) is found as a map of the rows gives it,
   * the longest block first, and the addresses just outside each block are answered as that map
   * answers them too (by another block, or not at all).
   */
  @Test
  void theBundledSnapshotAnswersAsAMapOfItsRows() throws Exception {
    Map<Integer, Map<Long, String>> byDigits = new HashMap<>();
    try (InputStream raw = OuiRegistry.class.getResourceAsStream(OuiRegistry.BUNDLED_RESOURCE);
        BufferedReader in =
            new BufferedReader(
                new InputStreamReader(new GZIPInputStream(raw), StandardCharsets.UTF_8))) {
      in.readLine();
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        List<String> cols = OuiRegistry.csv(line, 2);
        String digits = cols.get(0).trim();
        byDigits
            .computeIfAbsent(digits.length(), d -> new HashMap<>())
            .putIfAbsent(
                Long.parseLong(digits, 16), OuiRegistry.collapseWhitespace(cols.get(1).trim()));
      }
    }
    OuiRegistry r = OuiRegistry.bundled();
    int checked = 0;
    for (int digits : new int[] {6, 7, 9}) {
      int shift = 48 - 4 * digits;
      for (Map.Entry<Long, String> e : byDigits.getOrDefault(digits, Map.of()).entrySet()) {
        long first = e.getKey() << shift;
        long last = first | ((1L << shift) - 1);
        // The block's ends, and the addresses just outside it (another block's, or none).
        for (long bits : new long[] {first, last, first - 1, last + 1}) {
          if (bits < 0 || bits > 0xFFFF_FFFF_FFFFL) {
            continue;
          }
          assertThat(r.organization(new MacAddress(bits)))
              .isEqualTo(Optional.ofNullable(expected(byDigits, bits)));
          checked++;
        }
      }
    }
    assertThat(checked).isGreaterThan(4 * 40_000);
    assertThat(r.size()).isEqualTo(byDigits.values().stream().mapToInt(Map::size).sum());
  }

  @Test
  void anOuiFileWithoutMaLRowsFallsBackToTheBundledSnapshot() throws Exception {
    write("oui.csv", "Registry,Assignment,Organization Name\nMA-L,nothex,Broken,x\n");
    write("mam.csv", "Registry,Assignment,Organization Name\nMA-M,0022727,Inner Block Ltd,x\n");

    OuiRegistry r = OuiRegistry.load(dir);

    assertThat(r.source()).isEqualTo("bundled");
    assertThat(r.size()).isEqualTo(OuiRegistry.bundled().size()).isGreaterThan(40_000);
  }

  /** The old registry's lookup: the 36-bit block, then the 28-bit one, then the 24-bit one. */
  private static String expected(Map<Integer, Map<Long, String>> byDigits, long bits) {
    String org = byDigits.getOrDefault(9, Map.of()).get(bits >>> 12);
    if (org == null) {
      org = byDigits.getOrDefault(7, Map.of()).get(bits >>> 20);
    }
    if (org == null) {
      org = byDigits.getOrDefault(6, Map.of()).get(bits >>> 24);
    }
    return org;
  }

  @Property
  void shouldCollapseWhitespaceExactlyAsTheRegexDid(
      @ForAll
          @Chars({' ', '\t', '\n', '\r', '\f', '\u000B', '\u00A0', 'a', 'b'})
          @CharRange(from = 'x', to = 'z')
          String s) {
    assertThat(OuiRegistry.collapseWhitespace(s)).isEqualTo(s.replaceAll("\\s+", " "));
  }

  private void write(String name, String text) throws IOException {
    Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
  }
}
