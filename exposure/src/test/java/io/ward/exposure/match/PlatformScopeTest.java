package io.ward.exposure.match;

import static io.ward.exposure.match.Devices.device;
import static org.assertj.core.api.Assertions.assertThat;

import io.ward.exposure.match.PlatformScope.Answer;
import io.ward.model.Device;
import io.ward.model.exposure.AffectedProduct;
import io.ward.model.exposure.VersionConstraint;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Whether a device is the product a VEX statement places its component in, on crafted products: the
 * way the matchers identify a device (name words, published identifiers), then its firmware.
 */
class PlatformScopeTest {

  private static final VendorAliases ALIASES = VendorAliases.defaults();

  /** LVP-8015 infusion pumps 12.0 to 12.1.2, with their model numbers as the maker lists them. */
  private static final AffectedProduct PUMP =
      new AffectedProduct(
          "LVP-12.0",
          "LVP-8015 12.0 to 12.1.2",
          Optional.of("Example Infusion Systems"),
          Optional.of("LVP-8015"),
          Optional.empty(),
          new VersionConstraint.Vers("vers:generic/>=12.0|<12.1.3"),
          List.of("LVP-8015*"),
          List.of("EIS-77-0042"),
          List.of(),
          List.of(),
          List.of(),
          List.of(),
          Optional.empty());

  private static Answer answer(Device d) {
    return PlatformScope.of(d, PUMP, ALIASES);
  }

  @Test
  void shouldTakeTheSameProductAtACoveredVersion() {
    assertThat(answer(device("d1", "Example Infusion Systems", "LVP-8015", "12.1.1")))
        .isEqualTo(Answer.IS);
  }

  @Test
  void shouldRefuseAnotherProductOrAnotherMakerOrAVersionLeftOut() {
    assertThat(answer(device("d2", "Example Infusion Systems", "SYR-3000", "12.1.1")))
        .isEqualTo(Answer.IS_NOT);
    assertThat(answer(device("d3", "Other Medical", "LVP-8015", "12.1.1")))
        .isEqualTo(Answer.IS_NOT);
    assertThat(answer(device("d4", "Example Infusion Systems", "LVP-8015", "12.1.3")))
        .isEqualTo(Answer.IS_NOT);
  }

  @Test
  void shouldBeUnsureOfAnUnknownMakerOrFirmware() {
    assertThat(answer(device("d5", null, "LVP-8015", "12.1.1"))).isEqualTo(Answer.UNSURE);
    assertThat(answer(device("d6", "Example Infusion Systems", "LVP-8015", null)))
        .isEqualTo(Answer.UNSURE);
  }

  @Test
  void shouldTakeAModelCoveredByAPublishedModelNumberOrSku() {
    // Neither "LVP-8015-B" nor "EIS 77 0042" is the product name; the identifier lists say so.
    assertThat(answer(device("d7", "Example Infusion Systems", "LVP-8015-B", "12.0")))
        .isEqualTo(Answer.IS);
    assertThat(answer(device("d8", "Example Infusion Systems", "EIS 77 0042", "12.0")))
        .isEqualTo(Answer.IS);
    assertThat(answer(device("d9", "Other Medical", "EIS 77 0042", "12.0")))
        .isEqualTo(Answer.IS_NOT);
  }

  @Test
  void shouldTakeEveryVersionOfAPlatformThatNamesNone() {
    AffectedProduct anyVersion =
        AffectedProduct.of(
            "LVP",
            "LVP-8015",
            Optional.of("Example Infusion Systems"),
            Optional.of("LVP-8015"),
            new VersionConstraint.Unknown());
    assertThat(
            PlatformScope.of(
                device("d10", "Example Infusion Systems", "LVP-8015", "1.0"), anyVersion, ALIASES))
        .isEqualTo(Answer.IS);
  }
}
