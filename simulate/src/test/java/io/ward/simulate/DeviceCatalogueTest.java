package io.ward.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ward.model.Category;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class DeviceCatalogueTest {
  private static final Path OUI_CSV = Path.of("/usr/share/ieee-data/oui.csv");
  private final DeviceCatalogue catalogue = DeviceCatalogue.load();

  @Test
  void shouldHoldSixtyOrMoreProducts() {
    assertThat(catalogue.models()).hasSizeGreaterThanOrEqualTo(60);
  }

  @Test
  void shouldUseOnlyOuisTheIeeeRegistryAssignsToTheNamedOrganization() throws IOException {
    assumeThat(Files.isReadable(OUI_CSV)).as("Debian ieee-data is installed").isTrue();
    Map<Integer, String> registry = new HashMap<>();
    for (String line : Files.readAllLines(OUI_CSV, StandardCharsets.UTF_8)) {
      List<String> f = csv(line);
      if (f.size() > 2 && f.get(0).equals("MA-L")) {
        registry.put(Integer.parseInt(f.get(1), 16), f.get(2).strip());
      }
    }
    for (DeviceModel m : catalogue.models()) {
      for (DeviceModel.Oui oui : m.ouis()) {
        assertThat(registry.get(oui.prefix()))
            .as("OUI %06X of %s", oui.prefix(), m.id())
            .isEqualTo(oui.organization().strip());
      }
    }
  }

  @Test
  void shouldCoverTheVendorsHospitalsRun() {
    Set<String> vendors =
        catalogue.models().stream().map(DeviceModel::vendor).collect(Collectors.toSet());
    assertThat(vendors)
        .contains(
            "BD",
            "Baxter",
            "B. Braun",
            "ICU Medical",
            "Fresenius Kabi",
            "Philips",
            "GE Healthcare",
            "Mindray",
            "Nihon Kohden",
            "Spacelabs",
            "Dräger",
            "Hamilton Medical",
            "Medtronic",
            "Siemens Healthineers",
            "Canon Medical",
            "Fujifilm",
            "Agfa HealthCare",
            "Sectra",
            "Roche",
            "Abbott",
            "Sysmex",
            "Beckman Coulter",
            "Omnicell",
            "Hillrom",
            "Ascom",
            "Rauland",
            "Dell",
            "HP",
            "Lenovo",
            "Cisco",
            "Aruba",
            "Xerox",
            "Poly",
            "Honeywell",
            "Johnson Controls",
            "Apple",
            "Samsung");
  }

  @Test
  void shouldOfferPickableProductsForEveryCategoryOfTheMix() {
    for (Category c : NetworkPlan.MIX.keySet()) {
      assertThat(catalogue.pickable(c)).as("%s", c).isNotEmpty();
    }
  }

  @Test
  void shouldRootDicomImplementationUidsUnderTheVendorsRegisteredRoot() {
    Map<String, String> roots =
        Map.of(
            "GE Healthcare", "1.2.840.113619.",
            "Siemens Healthineers", "1.3.12.2.1107.5.",
            "Philips", "1.3.46.670589.",
            "Canon Medical", "1.2.392.200036.9116.",
            "Fujifilm", "1.2.392.200036.9125.");
    for (DeviceModel m : catalogue.models()) {
      String root = roots.get(m.vendor());
      if (root != null && m.dicom().isPresent()) {
        assertThat(m.dicom().get().implementationClassUid()).as(m.id()).startsWith(root);
      }
      m.dicom()
          .ifPresent(d -> assertThat(d.implementationClassUid()).matches("[0-9]+(\\.[0-9]+)+"));
    }
  }

  @Test
  void shouldDescribeEveryModalityWithItsStorageClass() {
    for (DeviceModel m : catalogue.models()) {
      if (m.role() == Role.MODALITY) {
        assertThat(m.dicom().orElseThrow().sopClassUid().orElseThrow())
            .startsWith("1.2.840.10008.5.1.4.1.1.");
        assertThat(m.category()).isEqualTo(Category.IMAGING_MODALITY);
      }
    }
  }

  @Test
  void shouldNameTheSoftwareOfEveryMedicalProductThatSpeaksHl7() {
    for (DeviceModel m : DeviceCatalogue.load().models()) {
      if (m.category().medical() && m.hl7().isPresent()) {
        assertThat(m.hl7().get().software()).as(m.id() + " writes an SFT segment").isPresent();
      }
    }
  }

  @Test
  void shouldRejectAModelWithoutTheProfileItsRoleNeeds() throws IOException {
    String json =
        "{\"models\":[{\"id\":\"x\",\"vendor\":\"V\",\"model\":\"M\",\"category\":\"imaging-modality\","
            + "\"role\":\"modality\",\"ouis\":[{\"prefix\":\"001122\",\"organization\":\"O\"}],"
            + "\"hostname\":\"h\",\"firmware\":[\"1\"],\"client\":[\"dicom\"]}]}";
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> DeviceCatalogue.parse(new ObjectMapper().readTree(json)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("dicom.modality");
  }

  @Test
  void shouldRejectAnOuiThatIsNotSixHexDigits() throws IOException {
    String json =
        "{\"models\":[{\"id\":\"x\",\"vendor\":\"V\",\"model\":\"M\",\"category\":\"printer\","
            + "\"role\":\"printer\",\"ouis\":[{\"prefix\":\"00:11:22\",\"organization\":\"O\"}],"
            + "\"hostname\":\"h\",\"firmware\":[\"1\"]}]}";
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> DeviceCatalogue.parse(new ObjectMapper().readTree(json)))
        .hasMessageContaining("six upper-case hex digits");
  }

  /** Splits one line of the IEEE CSV (quoted fields may hold commas). */
  private static List<String> csv(String line) {
    List<String> out = new java.util.ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '"') {
        quoted = !quoted;
      } else if (c == ',' && !quoted) {
        out.add(cur.toString());
        cur.setLength(0);
      } else {
        cur.append(c);
      }
    }
    out.add(cur.toString());
    return out;
  }
}
