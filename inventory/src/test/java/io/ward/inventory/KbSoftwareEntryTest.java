package io.ward.inventory;

import static io.ward.inventory.Inputs.ipOnly;
import static io.ward.inventory.Inputs.obs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ward.model.Device;
import io.ward.model.ObservationFields;
import io.ward.model.Software;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A fingerprint's {@code software} map: validated at load, and applied as the device's software.
 */
class KbSoftwareEntryTest {

  @TempDir Path dir;

  private static String entry(String software) {
    return "fingerprints:\n"
        + "  - id: local-viewer\n"
        + "    match: {field: http.server, regex: \"^LocalView/(\\\\d+)\\\\.(\\\\d+)\"}\n"
        + "    software: "
        + software
        + "\n"
        + "    confidence: 0.6\n"
        + "    source: our web viewer's Server header\n";
  }

  private KnowledgeBase load() throws Exception {
    return KnowledgeBase.load(Optional.of(dir), dir /* no ieee-data here */);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "LocalView | 'software' must be a map with vendor, product",
        "{vendor: Acme} | software needs 'product' (or 'productFrom')",
        "{product: LocalView} | software needs 'vendor' (or 'vendorFrom')",
        "{vendor: Acme, product: LocalView, release: '1'} | unknown key 'release' in software",
        "{vendor: Acme, product: LocalView, modelFrom: 'group 1'} | unknown key 'modelFrom' in"
            + " software",
        "{vendor: '', product: LocalView} | software 'vendor' must be a non-empty string",
        "{vendor: Acme, product: LocalView, versionFrom: '{1}.{3}'} | 'software versionFrom'"
            + " refers to group 3 but the regex has 2 capturing group(s)",
        "{vendor: Acme, product: LocalView, versionFrom: 'v1'} | 'software versionFrom' must be"
            + " \"value\", \"group N\" or a template"
      })
  void shouldRejectABadSoftwareMapNamingFileAndEntry(String software, String problem)
      throws Exception {
    Path f = Files.writeString(dir.resolve("local.yaml"), entry(software));
    assertThatThrownBy(this::load)
        .isInstanceOf(KnowledgeBaseException.class)
        .hasMessageContaining(f.toString() + ": fingerprints entry 'local-viewer': ")
        .hasMessageContaining(problem);
  }

  @Test
  void shouldRejectAnEntryWithNeitherSetsNorSoftware() throws Exception {
    Path f =
        Files.writeString(
            dir.resolve("local.yaml"),
            entry("{vendor: Acme, product: LocalView}")
                .replace("    software: {vendor: Acme," + " product: LocalView}\n", ""));
    assertThatThrownBy(this::load)
        .hasMessageContaining(f.toString())
        .hasMessageContaining(
            "missing 'sets' (a map of attribute values, e.g. vendor, category)" + " or 'software'");
  }

  @Test
  void shouldNameSoftwareWithTheVersionTemplateAndLeaveTheDeviceAlone() throws Exception {
    Files.writeString(
        dir.resolve("local.yaml"),
        entry("{vendor: Acme, product: LocalView, versionFrom: \"{1}.{2}\"}"));
    InventoryBuilder b = new InventoryBuilder(load());
    b.observation(
        obs(0, ipOnly("10.1.2.3"), ObservationFields.HTTP_SERVER, "LocalView/4.2 (Linux)"));
    Device d = b.build().get(0);

    assertThat(d.vendor()).isEmpty();
    assertThat(d.model()).isEmpty();
    assertThat(d.software())
        .containsExactly(
            new Software(
                Optional.of("Acme"),
                "LocalView",
                Optional.of("4.2"),
                ObservationFields.HTTP_SERVER,
                "LocalView/4.2 (Linux)",
                Optional.of("local-viewer"),
                0.6));
  }
}
