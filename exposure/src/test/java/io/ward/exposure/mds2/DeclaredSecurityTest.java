package io.ward.exposure.mds2;

import static io.ward.exposure.match.Devices.device;
import static org.assertj.core.api.Assertions.assertThat;

import io.ward.exposure.match.VendorAliases;
import io.ward.model.exposure.Decision;
import io.ward.model.exposure.Mds2Form;
import io.ward.model.exposure.RemediationOption;
import io.ward.model.exposure.RiskAssessment;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeclaredSecurityTest {

  @TempDir Path dir;

  private Mds2Form pumpForm(Optional<String> version) throws IOException {
    return Mds2Workbooks.form(
        dir,
        "Example Infusion Systems",
        "LVP-8015",
        version,
        new String[] {"TXCF-2", "No"},
        new String[] {"RMOT-1", "Yes"},
        new String[] {"MLDP-2", "No"},
        new String[] {"MLDP-4", "Yes"},
        new String[] {"CSUP-2.1", "No"},
        new String[] {"CSUP-2.2", "Yes"},
        new String[] {"AUTH-1", "See note", "PIN on the pump"},
        new String[] {"AUDT-1", "Yes"});
  }

  @Test
  void shouldCiteTheFormAndOnlyItsYesAndNoAnswersInTheRationale() throws IOException {
    DeclaredSecurity d = new DeclaredSecurity(pumpForm(Optional.of("2.1")), "");
    List<String> why = d.rationale();
    assertThat(why.get(0))
        .startsWith("maker's MDS2 form (Example Infusion Systems LVP-8015, version 2.1")
        .contains("document MDS2-LVP-8015")
        .contains("LVP_8015-2.1.xlsx");
    assertThat(why)
        .anySatisfy(
            l -> assertThat(l).contains("no encryption of data in transit").contains("TXCF-2 No"))
        .anySatisfy(
            l -> assertThat(l).contains("remote service connections").contains("RMOT-1 Yes"))
        .anySatisfy(l -> assertThat(l).contains("no anti-malware").contains("MLDP-2 No"))
        .anySatisfy(l -> assertThat(l).contains("allow-listing").contains("MLDP-4 Yes"))
        .anySatisfy(
            l -> assertThat(l).contains("only by the maker").contains("CSUP-2.2 Yes, CSUP-2.1 No"));
    // AUTH-1 says "see note" and AUDT-1 Yes bears on no risk: neither gives a line.
    assertThat(String.join("\n", why)).doesNotContain("AUTH-1").doesNotContain("AUDT-1");
  }

  @Test
  void shouldTurnEachDeclarationIntoItsAdvice() throws IOException {
    List<RemediationOption> advice = new DeclaredSecurity(pumpForm(Optional.empty()), "").advice();
    assertThat(advice)
        .allSatisfy(
            o -> assertThat(o.kind()).isEqualTo(RemediationOption.Kind.COMPENSATING_CONTROL));
    assertThat(advice)
        .extracting(RemediationOption::text)
        .satisfiesExactly(
            t -> assertThat(t).contains("contact Example Infusion Systems for the validated patch"),
            t -> assertThat(t).contains("no encryption in transit (TXCF-2 No)").contains("isolate"),
            t ->
                assertThat(t)
                    .contains("remote service is enabled (RMOT-1 Yes)")
                    .contains("restrict remote access"),
            t -> assertThat(t).contains("No anti-malware").contains("allow-list on (MLDP-4 Yes)"));
    assertThat(advice.get(0).source())
        .startsWith("ward (maker's MDS2 form (Example Infusion Systems LVP-8015");
  }

  @Test
  void shouldSayNothingWhenTheFormAnswersNothingThatBearsOnRisk() throws IOException {
    Mds2Form quiet =
        Mds2Workbooks.form(
            dir,
            "Acme",
            "M1",
            Optional.empty(),
            new String[] {"TXCF-2", "N/A"},
            new String[] {"CSUP-2.1", "Yes"},
            new String[] {"CSUP-2.2", "Yes"});
    DeclaredSecurity d = new DeclaredSecurity(quiet, "");
    assertThat(d.rationale()).isEmpty();
    assertThat(d.advice()).isEmpty();
    RiskAssessment r = risk(List.of("a", "decision: track, score 40"));
    assertThat(d.explain(r)).isSameAs(r);
  }

  @Test
  void shouldInsertTheLinesBeforeTheDecisionAndChangeNothingElse() throws IOException {
    DeclaredSecurity d = new DeclaredSecurity(pumpForm(Optional.empty()), "");
    RiskAssessment r = risk(List.of("input", "decision: track, score 40"));
    RiskAssessment explained = d.explain(r);
    assertThat(explained.rationale().get(0)).isEqualTo("input");
    assertThat(explained.rationale().get(1)).startsWith("maker's MDS2 form");
    assertThat(explained.rationale()).last().isEqualTo("decision: track, score 40");
    assertThat(explained.decision()).isEqualTo(r.decision());
    assertThat(explained.score()).isEqualTo(r.score());
  }

  @Test
  void shouldFindTheFormOfTheDevicesMakerModelAndVersion() throws IOException {
    Mds2Form v21 = pumpForm(Optional.of("2.1"));
    Mds2Form v30 = pumpForm(Optional.of("3.0"));
    Mds2Catalog catalog = Mds2Catalog.of(List.of(v30, v21), VendorAliases.defaults());
    assertThat(catalog.forDevice(device("a", "Example Infusion Systems", "lvp 8015", "2.1.0")))
        .hasValueSatisfying(
            d -> {
              assertThat(d.form()).isEqualTo(v21);
              assertThat(d.versionNote()).isEmpty();
            });
    assertThat(catalog.forDevice(device("b", "Example Infusion Systems", "LVP-8015", "2.5")))
        .hasValueSatisfying(
            d -> {
              assertThat(d.form()).isEqualTo(v30);
              assertThat(d.versionNote()).contains("covers version 3.0, the device runs 2.5");
            });
    assertThat(catalog.forDevice(device("c", "Other Maker", "LVP-8015", "2.1"))).isEmpty();
    assertThat(catalog.forDevice(device("d", "Example Infusion Systems", "LVP-9000", "2.1")))
        .isEmpty();
    assertThat(catalog.forDevice(device("e", null, "LVP-8015", "2.1"))).isEmpty();
  }

  private static RiskAssessment risk(List<String> why) {
    return new RiskAssessment(
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        false,
        false,
        Optional.empty(),
        "none",
        false,
        "partial",
        "medium",
        Decision.TRACK,
        40,
        why);
  }
}
