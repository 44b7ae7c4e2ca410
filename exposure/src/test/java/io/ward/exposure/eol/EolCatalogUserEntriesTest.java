package io.ward.exposure.eol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ward.model.Device;
import io.ward.model.exposure.FindingKind;
import io.ward.model.exposure.FindingStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A user's end-of-life entries, and the "Windows Embedded" text without edition or version. */
class EolCatalogUserEntriesTest {

  @TempDir Path dir;

  private Path file(String yaml) throws IOException {
    Path f = dir.resolve("my-eol.yaml");
    Files.writeString(f, yaml);
    return f;
  }

  @Test
  void shouldTryTheUsersEntriesFirstAndLetThemReplaceAShippedOneOfTheSameId() throws IOException {
    EolCatalog c =
        EolCatalog.defaults()
            .withUserEntries(
                file(
                    """
                    # the hospital's own knowledge
                    platforms:
                      - id: qnx-6.5
                        name: QNX Neutrino 6.5
                        match: 'qnx\\s*(neutrino\\s*)?6\\.5'
                        securityEnd: 2019-12-31
                        source: maker's letter to the hospital, 2019
                      - id: windows-7
                        name: Windows 7 (as the hospital dates it)
                        match: 'windows\\s*7'
                        securityEnd: 2023-01-10
                        source: ESU contract
                    """));
    assertThat(c.find("QNX Neutrino 6.5.0 SP1")).map(EolCatalog.Platform::id).contains("qnx-6.5");
    EolCatalog.Platform win7 = c.find("Windows 7 Professional").orElseThrow();
    assertThat(win7.name()).isEqualTo("Windows 7 (as the hospital dates it)");
    assertThat(win7.securityEnd()).contains(LocalDate.of(2023, 1, 10));
    assertThat(c.platforms().stream().filter(p -> p.id().equals("windows-7"))).hasSize(1);
    // The shipped entries the user did not touch are all still there.
    assertThat(c.platforms()).hasSize(EolCatalog.defaults().platforms().size() + 1);
    assertThat(c.find("Windows XP Professional"))
        .map(EolCatalog.Platform::id)
        .contains("windows-xp");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "missing source|platforms:\\n  - id: a\\n    match: x\\n    source: s\\n  - id: b\\n    match: y\\n    securityEnd: 2020-01-01\\n|line 5: platform b: needs 'source'",
        "bad date|platforms:\\n  - id: a\\n    match: x\\n    source: s\\n    securityEnd: 2020-13-01\\n|line 2: platform a: securityEnd '2020-13-01' is not a YYYY-MM-DD date",
        "bad pattern|platforms:\\n  - id: a\\n    match: 'win(7'\\n    source: s\\n|line 2: platform a: match is not a regular expression",
        "typo in a key|platforms:\\n  - id: a\\n    match: x\\n    source: s\\n    securityend: 2020-01-01\\n|line 2: unknown key 'securityend'",
        "same id twice|platforms:\\n  - {id: a, match: x, source: s}\\n  - {id: a, match: y, source: s}\\n|line 3: platform id 'a' given twice",
        "not a list|platforms: windows\\n|line 1: 'platforms' must be a list of entries",
        "other top key|platform:\\n  - {id: a, match: x, source: s}\\n|line 1: unknown key 'platform' (expected 'platforms')",
        "broken YAML|platforms:\\n  - {id: a, match: x\\n|: not valid YAML",
      })
  void shouldRejectABadFileNamingTheFileAndTheLine(String what, String yaml, String message)
      throws IOException {
    Path f = file(yaml.replace("\\n", "\n"));
    assertThatThrownBy(() -> EolCatalog.defaults().withUserEntries(f))
        .isInstanceOf(IOException.class)
        .hasMessageStartingWith(f.toString())
        .hasMessageContaining(message);
  }

  @Test
  void shouldGiveAPossiblyAffectedFindingForWindowsEmbeddedWithoutEditionOrVersion() {
    EolCatalog c = EolCatalog.defaults();
    EolCatalog.Platform p = c.find("Windows Embedded").orElseThrow();
    assertThat(p.id()).isEqualTo("windows-embedded-unversioned");
    // The last Windows Embedded edition to lose support was Compact 2013.
    assertThat(p.securityEnd())
        .isEqualTo(c.find("Windows Embedded Compact 2013").orElseThrow().securityEnd());
    assertThat(c.finding(withOs("Windows Embedded"), LocalDate.of(2023, 10, 10))).isEmpty();
    var f = c.finding(withOs("Microsoft Windows Embedded"), LocalDate.of(2025, 1, 1)).orElseThrow();
    assertThat(f.kind()).isEqualTo(FindingKind.END_OF_LIFE);
    assertThat(f.status()).isEqualTo(FindingStatus.POSSIBLY_AFFECTED);
    assertThat(f.statusReason())
        .hasValueSatisfying(r -> assertThat(r).contains("without edition or version"));
    assertThat(f.title()).contains("likely end of life");
    assertThat(f.matchedBy().confidence()).isLessThan(0.85);
    // An edition named keeps its own certain entry.
    var wes7 =
        c.finding(withOs("Windows Embedded Standard 7"), LocalDate.of(2025, 1, 1)).orElseThrow();
    assertThat(wes7.status()).isEqualTo(FindingStatus.AFFECTED);
    assertThat(c.find("Windows Embedded Standard 7 SP1"))
        .map(EolCatalog.Platform::id)
        .contains("windows-embedded-standard-7");
  }

  private static Device withOs(String os) {
    var d = io.ward.exposure.match.Devices.device("mac:emb", "Acme", "Cart", null);
    return new Device(
        d.id(),
        d.mac(),
        d.ips(),
        d.hostnames(),
        d.vlans(),
        d.vendor(),
        d.model(),
        Optional.of(os),
        d.firmware(),
        d.serial(),
        d.category(),
        d.modality(),
        d.medical(),
        d.criticality(),
        d.protocolsAsClient(),
        d.protocolsAsServer(),
        d.aeTitles(),
        d.hl7Applications(),
        0,
        0,
        d.evidence());
  }
}
