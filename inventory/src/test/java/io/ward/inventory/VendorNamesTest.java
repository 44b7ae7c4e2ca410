package io.ward.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import io.ward.inventory.KbEntries.VendorAlias;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class VendorNamesTest {

  private final VendorNames names =
      new VendorNames(
          List.of(
              new VendorAlias(
                  "ge", "GE HealthCare", List.of(Pattern.compile("(?i)^ge medical")), "test")));

  @Test
  void shouldGiveTheSameNameWhetherRememberedOrNot() {
    for (int pass = 0; pass < 2; pass++) {
      assertThat(names.normalise("GE Medical Systems")).isEqualTo("GE HealthCare");
      assertThat(names.normalise("  GE   Medical Systems, Inc. ")).isEqualTo("GE HealthCare");
      assertThat(names.normalise("Welch Allyn, Inc.")).isEqualTo("Welch Allyn");
      assertThat(names.normalise("Welch Allyn")).isEqualTo("Welch Allyn");
    }
  }

  @Test
  void shouldStillNormaliseOnceTheMemoIsFullOrTheNameTooLong() {
    for (int i = 0; i < VendorNames.MAX_REMEMBERED + 10; i++) {
      assertThat(names.normalise("Vendor " + i + " GmbH")).isEqualTo("Vendor " + i);
    }
    String longName = "X".repeat(VendorNames.MAX_REMEMBERED_LENGTH) + " Ltd.";
    assertThat(names.normalise(longName)).isEqualTo("X".repeat(VendorNames.MAX_REMEMBERED_LENGTH));
    assertThat(names.normalise("GE Medical Systems")).isEqualTo("GE HealthCare");
  }
}
