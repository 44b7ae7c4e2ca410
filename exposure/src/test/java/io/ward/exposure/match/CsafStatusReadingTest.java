package io.ward.exposure.match;

import static io.ward.exposure.match.Devices.device;
import static org.assertj.core.api.Assertions.assertThat;

import io.ward.exposure.feeds.csaf.CsafReader;
import io.ward.model.Device;
import io.ward.model.exposure.Advisory;
import io.ward.model.exposure.Finding;
import io.ward.model.exposure.FindingStatus;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * CSAF statements that say more than the products they list: a relationship makes its platform
 * affected through a component (CSAF 2.0 §3.2.2.4), and {@code last_affected} / {@code first_fixed}
 * bound a product line (§3.2.3.9). Each case is checked on the nested-loop and the indexed matcher,
 * which must agree.
 */
class CsafStatusReadingTest {

  private static final Advisory RELATIONSHIP =
      read(
          """
          {"document": {"category": "csaf_security_advisory", "csaf_version": "2.0",
            "title": "Windows in the Infusion Station", "publisher": {"name": "Acme Medical",
            "category": "vendor", "namespace": "https://acme.example"},
            "tracking": {"id": "ACME-2025-001", "status": "final", "version": "1",
              "initial_release_date": "2025-01-01T00:00:00Z",
              "current_release_date": "2025-01-01T00:00:00Z",
              "revision_history": [{"date": "2025-01-01T00:00:00Z", "number": "1",
                "summary": "first"}]}},
           "product_tree": {
            "branches": [
             {"category": "vendor", "name": "Microsoft", "branches": [
              {"category": "product_name", "name": "Windows 10", "branches": [
               {"category": "product_version", "name": "1607",
                "product": {"product_id": "WIN10", "name": "Windows 10 1607"}}]}]},
             {"category": "vendor", "name": "Acme Medical", "branches": [
              {"category": "product_name", "name": "Infusion Station 3000", "branches": [
               {"category": "product_version", "name": "2.1",
                "product": {"product_id": "STATION", "name": "Acme Infusion Station 3000 2.1"}}]},
              {"category": "product_name", "name": "Lab Gateway", "branches": [
               {"category": "product_version", "name": "5.0",
                "product": {"product_id": "GATEWAY", "name": "Acme Lab Gateway 5.0"}}]}]}],
            "relationships": [
             {"category": "default_component_of", "product_reference": "WIN10",
              "relates_to_product_reference": "STATION",
              "full_product_name": {"product_id": "WIN10-IN-STATION",
                "name": "Windows 10 1607 as default component of Acme Infusion Station 3000 2.1"}},
             {"category": "optional_component_of", "product_reference": "WIN10",
              "relates_to_product_reference": "GATEWAY",
              "full_product_name": {"product_id": "WIN10-IN-GATEWAY",
                "name": "Windows 10 1607 as optional component of Acme Lab Gateway 5.0"}}]},
           "vulnerabilities": [{"cve": "CVE-2025-10001",
            "product_status": {"known_affected": ["WIN10-IN-STATION", "WIN10-IN-GATEWAY"]}}]}
          """);

  private static final Advisory BOUNDS =
      read(
          """
          {"document": {"category": "csaf_security_advisory", "csaf_version": "2.0",
            "title": "PumpCtl", "publisher": {"name": "Example Medical",
            "category": "vendor", "namespace": "https://example.com"},
            "tracking": {"id": "EXM-2025-007", "status": "final", "version": "1",
              "initial_release_date": "2025-01-01T00:00:00Z",
              "current_release_date": "2025-01-01T00:00:00Z",
              "revision_history": [{"date": "2025-01-01T00:00:00Z", "number": "1",
                "summary": "first"}]}},
           "product_tree": {"branches": [
             {"category": "vendor", "name": "Example Medical", "branches": [
              {"category": "product_name", "name": "PumpCtl", "branches": [
               {"category": "product_version", "name": "3.0",
                "product": {"product_id": "PC-3.0", "name": "PumpCtl 3.0"}},
               {"category": "product_version", "name": "3.4",
                "product": {"product_id": "PC-3.4", "name": "PumpCtl 3.4"}},
               {"category": "product_version", "name": "4.5",
                "product": {"product_id": "PC-4.5", "name": "PumpCtl 4.5"}},
               {"category": "product_version", "name": "4.6",
                "product": {"product_id": "PC-4.6", "name": "PumpCtl 4.6"}}]},
              {"category": "product_name", "name": "Pump Hub", "branches": [
               {"category": "product_version", "name": "2.0",
                "product": {"product_id": "HUB-2.0", "name": "Pump Hub 2.0"}},
               {"category": "product_version", "name": "2.6",
                "product": {"product_id": "HUB-2.6", "name": "Pump Hub 2.6"}}]}]}]},
           "vulnerabilities": [
            {"cve": "CVE-2025-20001",
             "product_status": {"last_affected": ["PC-4.5"], "fixed": ["PC-4.6"],
               "known_not_affected": ["PC-3.0"]}},
            {"cve": "CVE-2025-20002",
             "product_status": {"first_affected": ["PC-3.4"], "last_affected": ["PC-4.5"]}},
            {"cve": "CVE-2025-20003",
             "product_status": {"first_fixed": ["HUB-2.6"]}},
            {"cve": "CVE-2025-20004",
             "product_status": {"first_affected": ["HUB-2.0"], "first_fixed": ["HUB-2.6"]}}]}
          """);

  private static final List<Advisory> ADVISORIES = List.of(RELATIONSHIP, BOUNDS);

  private static Advisory read(String json) {
    return new CsafReader(false)
        .read(json.getBytes(StandardCharsets.UTF_8), Path.of("test.json"))
        .items()
        .get(0);
  }

  /** The findings of both matchers, which must be the same. */
  private static List<Finding> match(Device d) {
    List<Finding> reference =
        new ReferenceMatcher(ADVISORIES, VendorAliases.defaults()).match(d, List.of());
    List<Finding> indexed =
        MatchIndex.build(ADVISORIES, VendorAliases.defaults()).match(d, List.of());
    assertThat(indexed).isEqualTo(reference);
    return reference;
  }

  private static Finding only(List<Finding> found, String cve) {
    return found.stream().filter(f -> f.cve().orElseThrow().equals(cve)).findFirst().orElseThrow();
  }

  @Test
  void shouldFlagThePlatformOfADefaultComponentThroughItsComponent() {
    List<Finding> found = match(device("mac:a1", "Acme Medical", "Infusion Station 3000", "2.1"));
    assertThat(found).hasSize(1);
    Finding f = found.get(0);
    assertThat(f.cve()).contains("CVE-2025-10001");
    assertThat(f.status()).isEqualTo(FindingStatus.AFFECTED);
    // The relationship's own product id, so its scores and remediations still apply.
    assertThat(f.matchedBy().productId()).contains("WIN10-IN-STATION");
    assertThat(f.matchedBy().explanation())
        .contains("through its component 'Windows 10 1607'")
        .contains("default_component_of");
  }

  @Test
  void shouldNotFlagAnotherVersionOfThePlatform() {
    assertThat(match(device("mac:a2", "Acme Medical", "Infusion Station 3000", "2.2"))).isEmpty();
  }

  @Test
  void shouldKeepAnOptionalComponentsPlatformOnlyPossiblyAffected() {
    List<Finding> found = match(device("mac:a3", "Acme Medical", "Lab Gateway", "5.0"));
    assertThat(found)
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.status()).isEqualTo(FindingStatus.POSSIBLY_AFFECTED);
              assertThat(f.statusReason())
                  .hasValueSatisfying(r -> assertThat(r).contains("optional_component_of"));
            });
  }

  @Test
  void shouldStillFlagTheComponentItself() {
    List<Finding> found = match(device("mac:a4", "Microsoft", "Windows 10", "1607"));
    assertThat(found)
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.status()).isEqualTo(FindingStatus.AFFECTED);
              assertThat(f.matchedBy().explanation()).doesNotContain("through its component");
            });
  }

  @Test
  void shouldReadLastAffectedAsCoveringEarlierVersionsPossibly() {
    Finding f =
        only(match(device("mac:b1", "Example Medical", "PumpCtl", "4.4")), "CVE-2025-20001");
    assertThat(f.status()).isEqualTo(FindingStatus.POSSIBLY_AFFECTED);
    assertThat(f.matchedBy().productId()).contains("PC-4.5");
    assertThat(f.statusReason()).hasValueSatisfying(r -> assertThat(r).contains("last_affected"));
  }

  @Test
  void shouldKeepTheLastAffectedVersionItselfAffectedAndLaterOnesAlone() {
    List<Finding> at = match(device("mac:b2", "Example Medical", "PumpCtl", "4.5"));
    assertThat(only(at, "CVE-2025-20001").status()).isEqualTo(FindingStatus.AFFECTED);
    List<Finding> later = match(device("mac:b3", "Example Medical", "PumpCtl", "4.7"));
    assertThat(later).isEmpty();
  }

  @Test
  void shouldLetAnExplicitNotAffectedVersionWinOverTheBound() {
    Finding f =
        only(match(device("mac:b4", "Example Medical", "PumpCtl", "3.0")), "CVE-2025-20001");
    assertThat(f.status()).isEqualTo(FindingStatus.NOT_AFFECTED);
  }

  @Test
  void shouldReadFirstAndLastAffectedAsAClosedRange() {
    List<Finding> inside = match(device("mac:b5", "Example Medical", "PumpCtl", "4.0"));
    assertThat(only(inside, "CVE-2025-20002").status()).isEqualTo(FindingStatus.AFFECTED);
    List<Finding> below = match(device("mac:b6", "Example Medical", "PumpCtl", "3.2"));
    assertThat(below).noneMatch(f -> f.cve().orElseThrow().equals("CVE-2025-20002"));
  }

  @Test
  void shouldReadFirstFixedAsEarlierVersionsPossiblyAffected() {
    List<Finding> found = match(device("mac:c1", "Example Medical", "Pump Hub", "1.5"));
    Finding bare = only(found, "CVE-2025-20003");
    assertThat(bare.status()).isEqualTo(FindingStatus.POSSIBLY_AFFECTED);
    assertThat(bare.matchedBy().productId()).contains("HUB-2.6");
    assertThat(bare.statusReason()).hasValueSatisfying(r -> assertThat(r).contains("first_fixed"));
    // first_affected 2.0 bounds CVE-2025-20004 from below: 1.5 is outside it.
    assertThat(found).noneMatch(f -> f.cve().orElseThrow().equals("CVE-2025-20004"));
  }

  @Test
  void shouldReadFirstAffectedUpToFirstFixedAsAffected() {
    List<Finding> found = match(device("mac:c2", "Example Medical", "Pump Hub", "2.5"));
    assertThat(only(found, "CVE-2025-20004").status()).isEqualTo(FindingStatus.AFFECTED);
    assertThat(only(found, "CVE-2025-20003").status()).isEqualTo(FindingStatus.POSSIBLY_AFFECTED);
  }

  @Test
  void shouldNotClaimAnythingForTheFirstFixedVersionOrLater() {
    List<Finding> fixed = match(device("mac:c3", "Example Medical", "Pump Hub", "2.6"));
    assertThat(fixed).allMatch(f -> f.status() == FindingStatus.NOT_AFFECTED);
    assertThat(match(device("mac:c4", "Example Medical", "Pump Hub", "3.0"))).isEmpty();
  }
}
