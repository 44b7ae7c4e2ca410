package io.ward.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import io.ward.model.MacAddress;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
