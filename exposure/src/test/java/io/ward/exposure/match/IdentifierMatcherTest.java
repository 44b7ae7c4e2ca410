package io.ward.exposure.match;

import static io.ward.exposure.match.Devices.device;
import static org.assertj.core.api.Assertions.assertThat;

import io.ward.exposure.feeds.csaf.CsafReader;
import io.ward.model.Device;
import io.ward.model.exposure.Advisory;
import io.ward.model.exposure.Finding;
import io.ward.model.exposure.FindingStatus;
import io.ward.model.exposure.MatchReason;
import io.ward.model.exposure.MatchRule;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Matching by the CSAF product identification helper's {@code skus}, {@code serial_numbers} and
 * {@code model_numbers}: on a crafted advisory whose only product is named by SKU and serial
 * numbers, and on a real CISA advisory (ICSA-24-228-01, Siemens SCALANCE/RUGGEDCOM) whose products
 * carry their order numbers as {@code model_numbers}.
 */
class IdentifierMatcherTest {

  private static final Advisory CRAFTED = read(crafted());
  private static final Advisory SIEMENS =
      read(RealAdvisories.testData().resolve("advisories/cisa-csaf/ics-icsa/icsa-24-228-01.json"));

  private final IdentifierMatcher matcher =
      new IdentifierMatcher(List.of(CRAFTED, SIEMENS), VendorAliases.defaults());

  @Test
  void shouldMatchASerialNumberCoveredByAPublishedWildcard() {
    // The inventory saw an unnamed model; the CMDB gave the serial in its own spelling.
    Device d = withSerial(device("mac:p1", "Example Medical", "Pump", "3.1.4"), "sn 4411-00917");
    List<Finding> found = matcher.match(d);
    assertThat(found).hasSize(1);
    Finding f = found.get(0);
    assertThat(f.cve()).contains("CVE-2025-00001");
    assertThat(f.status()).isEqualTo(FindingStatus.AFFECTED);
    assertThat(f.matchedBy().deviceAttribute()).isEqualTo("serial");
    assertThat(f.matchedBy().productId()).contains("EXM-PUMP");
    assertThat(f.matchedBy().rule()).isEqualTo(MatchRule.VERS);
    assertThat(f.matchedBy().explanation())
        .contains("serial 'sn 4411-00917' is covered by 'SN-4411-*' in the serial_numbers")
        .contains("firmware 3.1.4 is within");
  }

  @Test
  void shouldMatchAnExactSerialAndLeaveOtherSerialsAlone() {
    Device listed = withSerial(device("mac:p2", "Example Medical", null, "3.0"), "SN-5500-0007");
    Device other = withSerial(device("mac:p3", "Example Medical", null, "3.0"), "SN-5500-0008");
    assertThat(matcher.match(listed))
        .singleElement()
        .satisfies(
            f ->
                assertThat(f.matchedBy().explanation())
                    .contains("is listed in the serial_numbers"));
    assertThat(matcher.match(other)).isEmpty();
  }

  @Test
  void shouldMatchAModelThatIsAPublishedSku() {
    Device d = device("mac:p4", "Example Medical", "PX-8015-EU", "3.1");
    assertThat(matcher.match(d))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.matchedBy().deviceAttribute()).isEqualTo("model");
              assertThat(f.matchedBy().explanation())
                  .contains("model 'PX-8015-EU' is listed in the skus of product");
              assertThat(f.matchedBy().confidence()).isEqualTo(1.0);
            });
  }

  @Test
  void shouldNotMatchTheFixedVersionNorAnotherMakersSameNumber() {
    assertThat(matcher.match(device("mac:p5", "Example Medical", "PX-8015-US", "3.2"))).isEmpty();
    assertThat(matcher.match(withSerial(device("mac:p6", "Siemens", null, "3.0"), "SN-4411-1")))
        .isEmpty();
  }

  @Test
  void shouldKeepAnIdentifierWithoutAMakerOnlyPossiblyAffected() {
    Device d = withSerial(device("mac:p7", null, null, "3.0"), "SN-4411-2");
    assertThat(matcher.match(d))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.status()).isEqualTo(FindingStatus.POSSIBLY_AFFECTED);
              assertThat(f.statusReason())
                  .hasValueSatisfying(r -> assertThat(r).contains("device vendor unknown"));
            });
  }

  @Test
  void shouldMatchARealAdvisorysModelNumberAndItsVersionRange() {
    // ICSA-24-228-01 lists SCALANCE M804PB as model number 6GK5804-0AP00-2AA2, versions <V8.1.
    Device old = device("mac:s1", "Siemens", "6GK5804-0AP00-2AA2", "V8.0");
    List<Finding> found = matcher.match(old);
    assertThat(found).extracting(f -> f.cve().orElseThrow()).contains("CVE-2023-44321");
    assertThat(found)
        .allSatisfy(
            f -> {
              assertThat(f.advisoryId()).isEqualTo(SIEMENS.id());
              assertThat(f.matchedBy().productId()).contains("CSAFPID-0003");
              assertThat(f.matchedBy().explanation())
                  .contains("is listed in the model_numbers of product 'SCALANCE M804PB");
              assertThat(f.status()).isEqualTo(FindingStatus.AFFECTED);
            });
    assertThat(matcher.match(device("mac:s2", "Siemens", "6GK5804-0AP00-2AA2", "V8.1"))).isEmpty();
  }

  @Test
  void shouldLetTheSurerFindingWinWhenNameAndIdentifierMeetTheSameVulnerability() {
    Device d =
        withSerial(device("mac:p8", "Example Medical", "Infusion System", "3.0"), "SN-4411-9");
    List<Finding> byName =
        new ReferenceMatcher(List.of(CRAFTED), VendorAliases.defaults()).match(d, List.of());
    List<Finding> merged = IdentifierMatcher.merge(byName, matcher.match(d));
    assertThat(merged).hasSize(1);
    assertThat(merged.get(0).matchedBy().confidence())
        .isGreaterThanOrEqualTo(
            byName.stream().mapToDouble(f -> f.matchedBy().confidence()).max().orElse(0));
    assertThat(merged.get(0).matchedBy().deviceAttribute()).isEqualTo("serial");
  }

  @Test
  void shouldKeepAComponentsFindingWhenTheIdentifierReplacesTheDevicesOwn() {
    Device d =
        withSerial(device("mac:p9", "Example Medical", "Infusion System", "3.0"), "SN-4411-9");
    List<Finding> byName =
        new ReferenceMatcher(List.of(CRAFTED), VendorAliases.defaults()).match(d, List.of());
    Finding own = byName.get(0);
    MatchReason m = own.matchedBy();
    Finding component =
        new Finding(
            own.id() + "|sbom",
            own.kind(),
            own.deviceId(),
            own.vulnerability(),
            own.advisoryId(),
            own.title(),
            own.status(),
            own.statusReason(),
            new MatchReason(
                m.advisoryId(),
                m.productId(),
                m.productName(),
                m.rule(),
                m.constraint(),
                "sbom:pump-firmware@3.0",
                "pump-firmware 3.0",
                m.evidence(),
                m.confidence(),
                m.explanation()));
    List<Finding> withComponent = new java.util.ArrayList<>(byName);
    withComponent.add(component);

    List<Finding> merged = IdentifierMatcher.merge(withComponent, matcher.match(d));

    assertThat(merged)
        .extracting(f -> f.matchedBy().deviceAttribute())
        .containsExactlyInAnyOrder("serial", "sbom:pump-firmware@3.0");
  }

  static Device withSerial(Device d, String serial) {
    return d.withSerial(Optional.of(serial));
  }

  private static Path crafted() {
    try {
      return Path.of(IdentifierMatcherTest.class.getResource("identifiers-csaf.json").toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Advisory read(Path file) {
    var r = new CsafReader().read(file);
    assertThat(r.items()).as(r.problems().toString()).hasSize(1);
    return r.items().get(0);
  }
}
