package io.ward.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.ward.model.exposure.FindingStatus;
import io.ward.server.StoreContract;
import io.ward.server.TestDatabase;
import io.ward.server.audit.Actor;
import io.ward.server.exposure.FindingRow;
import io.ward.server.exposure.FindingService;
import io.ward.server.inventory.DeviceQueryService;
import io.ward.server.inventory.StoredDevices;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/**
 * A maker's CycloneDX "not affected" about the product its SBOM describes (the {@code
 * affects[].ref} is the SBOM's own {@code metadata.component}), uploaded to the server, makes every
 * finding of that vulnerability not affected on the devices of that product only, with the reason
 * naming the VEX and the product. The same real case-study SBOMs and wolfSSL report as {@link
 * SbomVexIngestTest}.
 */
class ProductVexIngestTest {

  @Nested
  class OnH2 extends Contract implements TestDatabase.H2 {}

  @Nested
  class OnPostgres extends Contract implements TestDatabase.Postgres {}

  abstract static class Contract extends StoreContract {
    static final String HUB_MAC = "00:0a:0b:00:62:01";
    static final String MONITOR_MAC = "00:0a:0b:00:62:02";
    static final String CVE = SbomVexIngestTest.Contract.EMBEDDED;

    final Actor actor = new Actor("analyst", "127.0.0.1");

    @Override
    protected void seed() throws Exception {
      long seen = 1_600_000_000_000_000_000L;
      StoredDevices.merge(
          store,
          "7".repeat(64),
          List.of(
              SbomVexIngestTest.Contract.device(HUB_MAC, "10.62.0.1", "Infusion Hub", "2.0", seen),
              SbomVexIngestTest.Contract.device(
                  MONITOR_MAC, "10.62.0.2", "Patient Monitor", "5.1", seen)));
    }

    @Test
    void shouldApplyAVexAboutTheSbomsProductToTheDevicesItDescribesOnly() throws Exception {
      submit(JobKind.FEED, "wolfssl-vdr.cdx.json", SbomVexIngestTest.Contract.report());
      ObjectNode hub =
          SbomVexIngestTest.Contract.realSbom("narrow.sbom.json", "Infusion Hub", "2.0");
      String product = hub.get("metadata").get("component").get("bom-ref").asString();
      hub.set("vulnerabilities", SbomVexIngestTest.Contract.notAffected(CVE, product));
      submit(JobKind.SBOM, "infusion-hub.cdx.json", hub.toString());
      submit(
          JobKind.SBOM,
          "patient-monitor.cdx.json",
          SbomVexIngestTest.Contract.realSbom("extended.sbom.json", "Patient Monitor", "5.1")
              .toString());

      FindingRow onHub = wolfssl(HUB_MAC);
      assertThat(onHub.status())
          .as("%s", onHub.statusReason())
          .isEqualTo(FindingStatus.NOT_AFFECTED);
      assertThat(onHub.statusReason().orElseThrow())
          .contains(
              "maker's VEX (",
              "this device's product ('Acme Medical Infusion Hub 2.0')",
              "code_not_reachable");
      FindingRow onMonitor = wolfssl(MONITOR_MAC);
      assertThat(onMonitor.status()).isEqualTo(FindingStatus.AFFECTED);
      assertThat(onMonitor.statusReason()).isEmpty();
    }

    void submit(JobKind kind, String name, String content) throws Exception {
      SbomVexIngestTest.Contract.submitted(store, actor, kind, name, content);
    }

    /** The device's wolfSSL finding of the CVE. */
    FindingRow wolfssl(String mac) {
      long id = store.bean(DeviceQueryService.class).deviceByKey("mac:" + mac).orElseThrow().id();
      List<FindingRow> rows =
          store.bean(FindingService.class).forDevice(id).stream()
              .filter(f -> f.vulnerability().equals(CVE))
              .toList();
      assertThat(rows).as(mac).hasSize(1);
      return rows.get(0);
    }
  }
}
