package io.ward.exposure;

import static io.ward.exposure.match.Devices.device;
import static org.assertj.core.api.Assertions.assertThat;

import io.ward.exposure.eol.EolCatalog;
import io.ward.exposure.feeds.ExposureKnowledge;
import io.ward.exposure.feeds.kev.KevReader;
import io.ward.exposure.match.RealAdvisories;
import io.ward.exposure.mds2.Mds2Workbooks;
import io.ward.exposure.remediation.RemediationPolicy;
import io.ward.model.Category;
import io.ward.model.Criticality;
import io.ward.model.Device;
import io.ward.model.exposure.FindingKind;
import io.ward.model.exposure.KevEntry;
import io.ward.model.exposure.Mds2Form;
import io.ward.model.exposure.RemediationOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the analysis takes from beyond the advisories: the real KEV catalog's due dates, a maker's
 * MDS2 form and a user's end-of-life entries, on real CISA medical advisories.
 */
class ExposureAnalyzerDeclarationsTest {

  private static final List<KevEntry> KEV =
      new KevReader()
          .read(
              RealAdvisories.testData()
                  .resolve("advisories/cisa-kev/known_exploited_vulnerabilities.json"))
          .items();
  private static final Map<String, KevEntry> KEV_BY_CVE =
      KEV.stream().collect(Collectors.toMap(KevEntry::cve, Function.identity(), (a, b) -> a));

  @TempDir Path dir;

  private final Device isp =
      device(
          "mac:isp",
          "Philips Healthcare",
          "IntelliSpace Portal 8.0.x",
          null,
          Category.CLINICAL_SYSTEM,
          Criticality.HIGH);
  private final Device pump =
      device(
          "mac:pump",
          "BD",
          "Alaris PCU Model 8015",
          "12.1.2",
          Category.INFUSION_PUMP,
          Criticality.LIFE_CRITICAL);

  private static ExposureKnowledge knowledge(List<Mds2Form> mds2) {
    return new ExposureKnowledge(
        List.of(
            RealAdvisories.icsma("icsma-23-194-01"),
            RealAdvisories.icsma("icsma-22-174-01"),
            RealAdvisories.icsma("icsma-18-058-02")),
        KEV,
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        mds2,
        List.of(),
        List.of());
  }

  @Test
  void shouldCarryCisasDueDateOfAKevFindingIntoTheFindingAndItsRationale() {
    ExposureReport r =
        new ExposureAnalyzer()
            .analyze(
                List.of(isp), knowledge(List.of()), ExposureOptions.of(LocalDate.of(2025, 1, 1)));
    List<AssessedFinding> inKev = r.findings().stream().filter(a -> a.risk().kev()).toList();
    assertThat(inKev).isNotEmpty();
    for (AssessedFinding a : inKev) {
      LocalDate cisa = KEV_BY_CVE.get(a.finding().cve().orElseThrow()).dueDate().orElseThrow();
      assertThat(a.kevDueDate()).contains(cisa);
      assertThat(a.risk().rationale())
          .anySatisfy(l -> assertThat(l).contains("CISA remediation due date " + cisa));
      // Opened long after CISA's date: the record is due on that date, not 15 days on.
      LocalDate opened = cisa.plusYears(1);
      assertThat(RemediationPolicy.defaults().due(opened, a)).isEqualTo(cisa);
    }
    assertThat(r.findings().stream().filter(a -> !a.risk().kev()))
        .allSatisfy(a -> assertThat(a.kevDueDate()).isEmpty());
  }

  @Test
  void shouldExplainAndAdviseFromTheMakersMds2FormForTheDevicesModel() throws IOException {
    Mds2Form form =
        Mds2Workbooks.form(
            dir,
            "BD",
            "Alaris PCU Model 8015",
            Optional.empty(),
            new String[] {"TXCF-2", "No"},
            new String[] {"CSUP-2.1", "No"},
            new String[] {"CSUP-2.2", "Yes"});
    ExposureReport r =
        new ExposureAnalyzer()
            .analyze(
                List.of(pump, isp),
                knowledge(List.of(form)),
                ExposureOptions.of(LocalDate.of(2025, 1, 1)));
    List<AssessedFinding> pumpFindings = r.findingsOf("mac:pump");
    assertThat(pumpFindings).isNotEmpty();
    for (AssessedFinding a : pumpFindings) {
      List<String> why = a.risk().rationale();
      assertThat(why)
          .anySatisfy(
              l ->
                  assertThat(l)
                      .startsWith("maker's MDS2 form (BD Alaris PCU Model 8015, version not stated")
                      .contains("declares (the form states no software version):"))
          .anySatisfy(
              l ->
                  assertThat(l)
                      .contains("no encryption of data in transit")
                      .endsWith("(TXCF-2 No)"));
      assertThat(why).last().asString().startsWith("decision:");
      List<String> advice =
          a.remediations().stream()
              .filter(o -> o.kind() == RemediationOption.Kind.COMPENSATING_CONTROL)
              .map(RemediationOption::text)
              .toList();
      assertThat(advice)
          .anySatisfy(t -> assertThat(t).contains("contact BD for the validated patch"));
      // The maker's declarations come before Ward's category advice.
      int mds2 = indexOf(advice, "validated patch");
      int category = indexOf(advice, "isolated segment that can reach only the pump server");
      if (category >= 0) {
        assertThat(mds2).isLessThan(category);
      }
    }
    // Another model's findings say nothing of this form.
    assertThat(r.findingsOf("mac:isp"))
        .allSatisfy(
            a -> assertThat(String.join("\n", a.risk().rationale())).doesNotContain("MDS2"));
  }

  @Test
  void shouldJudgeEndOfLifeByTheUsersEntriesWhenGiven() throws IOException {
    Device server =
        withOs(device("mac:srv", "Dell", "PowerEdge", null), "Microsoft Windows Server 2008 R2");
    Path eol = dir.resolve("eol.yaml");
    Files.writeString(
        eol,
        """
        platforms:
          - id: windows-server-2008
            name: Windows Server 2008 R2 (hospital ESU contract)
            match: 'server\\s*2008'
            securityEnd: 2026-01-13
            source: hospital ESU contract 2024-117
        """);
    ExposureOptions options = ExposureOptions.of(LocalDate.of(2025, 1, 1));
    ExposureReport shipped =
        new ExposureAnalyzer().analyze(List.of(server), knowledge(List.of()), options);
    assertThat(shipped.findingsOf("mac:srv"))
        .anyMatch(a -> a.finding().kind() == FindingKind.END_OF_LIFE);
    ExposureReport withUser =
        new ExposureAnalyzer()
            .analyze(
                List.of(server),
                knowledge(List.of()),
                options.withEol(EolCatalog.defaults().withUserEntries(eol)));
    assertThat(withUser.findingsOf("mac:srv"))
        .noneMatch(a -> a.finding().kind() == FindingKind.END_OF_LIFE);
  }

  private static int indexOf(List<String> texts, String part) {
    for (int i = 0; i < texts.size(); i++) {
      if (texts.get(i).contains(part)) {
        return i;
      }
    }
    return -1;
  }

  private static Device withOs(Device d, String os) {
    return d.withOs(Optional.of(os));
  }
}
