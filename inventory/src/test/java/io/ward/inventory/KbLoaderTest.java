package io.ward.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ward.model.Device;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KbLoaderTest {

  @TempDir Path dir;

  private Path write(String name, String text) throws Exception {
    return Files.writeString(dir.resolve(name), text);
  }

  private KnowledgeBase load() throws Exception {
    return KnowledgeBase.load(Optional.of(dir), dir /* no ieee-data here */);
  }

  private static final String GOOD =
      "  - id: local-pump\n"
          + "    match: {field: dhcp.hostname, regex: \"^WARDPUMP\"}\n"
          + "    sets: {category: infusion-pump}\n"
          + "    confidence: 0.4\n"
          + "    source: local naming convention\n";

  @Test
  void shouldRejectBadRegexNamingFileAndEntry() throws Exception {
    Path f = write("local.yaml", "fingerprints:\n" + GOOD.replace("^WARDPUMP", "(unclosed"));
    assertThatThrownBy(this::load)
        .isInstanceOf(KnowledgeBaseException.class)
        .hasMessageContaining(f.toString())
        .hasMessageContaining("entry 'local-pump'")
        .hasMessageContaining("bad regular expression");
  }

  @Test
  void shouldRejectUnknownCategoryNamingFileAndEntry() throws Exception {
    Path f = write("local.yaml", "fingerprints:\n" + GOOD.replace("infusion-pump", "toaster"));
    assertThatThrownBy(this::load)
        .hasMessageContaining(f.toString())
        .hasMessageContaining("entry 'local-pump'")
        .hasMessageContaining("unknown category 'toaster'");
  }

  @Test
  void shouldRejectMissingSource() throws Exception {
    write(
        "local.yaml",
        "fingerprints:\n" + GOOD.replace("    source: local naming convention\n", ""));
    assertThatThrownBy(this::load)
        .hasMessageContaining("entry 'local-pump': missing or empty 'source'");
  }

  @Test
  void shouldRejectEntryWithoutIdByPosition() throws Exception {
    write(
        "local.yaml",
        "fingerprints:\n" + GOOD + GOOD.replace("  - id: local-pump\n", "  - note: x\n"));
    assertThatThrownBy(this::load).hasMessageContaining("entry #2: missing or empty 'id'");
  }

  @Test
  void shouldRejectDuplicateIdsWithinTheUserDirectory() throws Exception {
    write("a.yaml", "fingerprints:\n" + GOOD);
    Path b = write("b.yaml", "fingerprints:\n" + GOOD);
    assertThatThrownBy(this::load)
        .hasMessageContaining(b.toString())
        .hasMessageContaining("duplicate id")
        .hasMessageContaining("a.yaml");
  }

  @Test
  void shouldRejectConfidenceOutOfRangeAndUnknownKeys() throws Exception {
    write("local.yaml", "fingerprints:\n" + GOOD.replace("0.4", "1.5"));
    assertThatThrownBy(this::load)
        .hasMessageContaining("'confidence' must be a number from 0 to 1");
    write("local.yaml", "fingerprints:\n" + GOOD.replace("    sets:", "    setz: {}\n    sets:"));
    assertThatThrownBy(this::load).hasMessageContaining("unknown key 'setz'");
  }

  @Test
  void shouldRejectGroupReferenceBeyondTheRegexGroups() throws Exception {
    write(
        "local.yaml",
        "fingerprints:\n"
            + GOOD.replace("{category: infusion-pump}", "{firmwareFrom: \"group 2\"}")
                .replace("^WARDPUMP", "^WARDPUMP(\\\\d+)"));
    assertThatThrownBy(this::load)
        .hasMessageContaining("refers to group 2 but the regex has 1 capturing group(s)");
  }

  @Test
  void shouldRejectTemplatesThatNameNoGroupOrAGroupTheRegexLacks() throws Exception {
    String versioned =
        GOOD.replace("^WARDPUMP", "^WARDPUMP-(\\\\d)(\\\\d)")
            .replace("{category: infusion-pump}", "{firmwareFrom: \"TEMPLATE\"}");
    write("local.yaml", "fingerprints:\n" + versioned.replace("TEMPLATE", "{1}.{3}"));
    assertThatThrownBy(this::load)
        .hasMessageContaining("refers to group 3 but the regex has 2 capturing group(s)");
    write("local.yaml", "fingerprints:\n" + versioned.replace("TEMPLATE", "v1.0"));
    assertThatThrownBy(this::load).hasMessageContaining("a template naming groups as {N}");
    write("local.yaml", "fingerprints:\n" + versioned.replace("TEMPLATE", "{0}.{1}"));
    assertThatThrownBy(this::load).hasMessageContaining("use \"value\" for the observed value");
  }

  @Test
  void shouldBuildAValueFromATemplateOfGroupsAndText() throws Exception {
    write(
        "local.yaml",
        "fingerprints:\n"
            + GOOD.replace("^WARDPUMP", "^WARDPUMP-(\\\\d)(\\\\d)(\\\\d)")
                .replace(
                    "{category: infusion-pump}",
                    "{category: infusion-pump, modelFrom: \"Ward Pump {1}\","
                        + " firmwareFrom: \"{1}.{2}.{3}\"}"));
    InventoryBuilder b = new InventoryBuilder(load());
    b.observation(
        Inputs.obs(0, Inputs.macOnly("02:00:00:00:00:01"), "dhcp.hostname", "WARDPUMP-367"));
    Device d = b.build().get(0);
    assertThat(d.model()).contains("Ward Pump 3");
    assertThat(d.firmware()).contains("3.6.7");
  }

  @Test
  void shouldHoldAToolkitsMakerBelowTheOuiMakerAndRejectAToolkitFlagThatIsNoBoolean()
      throws Exception {
    String toolkit =
        GOOD.replace("{category: infusion-pump}", "{vendor: Acme Software, model: AcmeDICOM}")
            .replace("    confidence: 0.4\n", "    confidence: 0.8\n    toolkit: true\n");
    write("local.yaml", "fingerprints:\n" + toolkit);
    InventoryBuilder b = new InventoryBuilder(load());
    b.observation(
        Inputs.obs(0, Inputs.macOnly("02:00:00:00:00:01"), "dhcp.hostname", "WARDPUMP-1"));
    Device d = b.build().get(0);
    assertThat(d.model()).contains("AcmeDICOM");
    assertThat(d.evidence())
        .filteredOn(e -> e.value().equals("Acme Software"))
        .singleElement()
        .satisfies(e -> assertThat(e.confidence()).isEqualTo(0.1));
    assertThat(d.evidence())
        .filteredOn(e -> e.value().equals("AcmeDICOM"))
        .singleElement()
        .satisfies(e -> assertThat(e.confidence()).isEqualTo(0.8));

    write("local.yaml", "fingerprints:\n" + toolkit.replace("toolkit: true", "toolkit: yes-ish"));
    assertThatThrownBy(this::load)
        .hasMessageContaining("entry 'local-pump'")
        .hasMessageContaining("'toolkit' must be true or false");
  }

  @Test
  void shouldRejectUnknownSectionAndBrokenYamlWithLine() throws Exception {
    write("local.yaml", "fingerprint:\n" + GOOD);
    assertThatThrownBy(this::load).hasMessageContaining("unknown section 'fingerprint'");
    write("local.yaml", "fingerprints:\n  - id: x\n    match: {field: [\n");
    assertThatThrownBy(this::load)
        .hasMessageContaining("local.yaml: at line")
        .hasMessageContaining("not valid YAML");
  }

  @Test
  void shouldNameTheLineOfBrokenJsonWithoutJacksonsSourceNote() throws Exception {
    write("local.json", "{\"fingerprints\": [\n");
    assertThatThrownBy(this::load)
        .hasMessageContaining("local.json: at line 2, not valid JSON: Unexpected end-of-input")
        .hasMessageContaining("line: 1, column: 18")
        .hasMessageNotContaining("Source:")
        .hasMessageNotContaining("REDACTED");
  }

  @Test
  void shouldRejectCriticalityForUnknownCategory() throws Exception {
    Path f =
        write(
            "crit.json",
            "{\"criticality\": [{\"id\": \"toasters\", \"category\": \"toaster\", \"criticality\": \"low\", \"reason\": \"r\"}]}");
    assertThatThrownBy(this::load)
        .hasMessageContaining(f.toString())
        .hasMessageContaining("entry 'toasters'");
  }

  @Test
  void shouldAddUserFingerprintsFromYamlAndJson() throws Exception {
    int bundled = KnowledgeBase.load(Optional.empty(), dir).fingerprintCount();
    write("local.yaml", "fingerprints:\n" + GOOD);
    write(
        "more.json",
        "{\"fingerprints\": [{\"id\": \"local-vent\", \"match\": {\"field\": \"dhcp.hostname\", \"prefix\": \"WARDVENT\"}, \"sets\": {\"category\": \"ventilator\"}, \"confidence\": 0.4, \"source\": \"local\"}]}");
    assertThat(load().fingerprintCount()).isEqualTo(bundled + 2);
  }

  @Test
  void shouldLetTheUserOverrideAndDisableBundledEntriesById() throws Exception {
    write(
        "override.yaml",
        "fingerprints:\n"
            + "  - id: dicom-ge-root\n"
            + "    match: {field: dicom.implementationClassUid, prefix: \"1.2.840.113619.\"}\n"
            + "    sets: {vendor: Local GE Reseller, category: imaging-modality}\n"
            + "    confidence: 0.95\n"
            + "    source: site asset register\n"
            + "  - id: host-pacs\n"
            + "    disabled: true\n"
            + "criticality:\n"
            + "  - id: printer\n"
            + "    category: printer\n"
            + "    criticality: high\n"
            + "    reason: wristband printers in the ED\n");
    KnowledgeBase kb = load();
    assertThat(kb.fingerprints()).noneMatch(f -> f.id().equals("host-pacs"));
    assertThat(kb.criticalityOf(io.ward.model.Category.PRINTER))
        .isEqualTo(io.ward.model.Criticality.HIGH);
    InventoryBuilder b = new InventoryBuilder(kb);
    b.observation(
        Inputs.obs(
            0,
            Inputs.at("00:11:22:33:44:55", "10.0.0.5"),
            "dicom.implementationClassUid",
            "1.2.840.113619.6.5"));
    b.observation(
        Inputs.obs(0, Inputs.at("00:11:22:33:44:56", "10.0.0.6"), "dhcp.hostname", "PACS01"));
    List<Device> devices = b.build();
    assertThat(devices.get(0).vendor()).contains("Local GE Reseller");
    assertThat(devices.get(0).category()).isEqualTo(io.ward.model.Category.IMAGING_MODALITY);
    assertThat(devices.get(1).category()).isEqualTo(io.ward.model.Category.UNKNOWN);
  }

  @Test
  void shouldRejectAUserDirectoryThatIsNotADirectory() throws Exception {
    Path file = write("x.yaml", "");
    assertThatThrownBy(() -> KnowledgeBase.load(Optional.of(file), dir))
        .hasMessageContaining("not a directory");
  }
}
