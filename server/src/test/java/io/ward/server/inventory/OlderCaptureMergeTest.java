package io.ward.server.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import io.ward.model.Category;
import io.ward.model.Criticality;
import io.ward.model.Device;
import io.ward.server.StoreContract;
import io.ward.server.TestDatabase;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * A capture recorded before the last one but ingested after it does not turn a device's attributes
 * back: the newer observation is the one that saw the device later, not the one ingested later. It
 * still fills in what was unknown, and records no change dated before those already recorded.
 */
class OlderCaptureMergeTest {

  @Nested
  class OnH2 extends Contract implements TestDatabase.H2 {}

  @Nested
  class OnPostgres extends Contract implements TestDatabase.Postgres {}

  abstract static class Contract extends StoreContract {
    static final long DAY = 86_400_000_000_000L;
    static final long JAN = 1_767_225_600_000_000_000L; // 2026-01-01

    Device pump(String mac, String model, String firmware, long seen) {
      return StoredDevices.device(
          mac,
          "10.20.1.7",
          "BD",
          model,
          firmware,
          Category.INFUSION_PUMP,
          Criticality.LIFE_CRITICAL,
          seen,
          List.of());
    }

    Map<String, Object> row(String mac) {
      return store
          .jdbc()
          .sql("SELECT model, firmware, last_seen FROM device WHERE device_key = ?")
          .param("mac:" + mac)
          .query()
          .singleRow();
    }

    List<String> changes(String mac) {
      return store
          .jdbc()
          .sql(
              "SELECT c.attribute || ':' || c.old_value || '->' || c.new_value FROM device_change c"
                  + " JOIN device d ON d.id = c.device_id WHERE d.device_key = ?"
                  + " AND c.attribute <> 'device' ORDER BY c.id")
          .param("mac:" + mac)
          .query(String.class)
          .list();
    }

    @Test
    void shouldKeepTheAttributesOfTheLaterSightingWhenAnOlderCaptureComesLast() throws Exception {
      String mac = "00:0a:0b:00:20:01";
      StoredDevices.merge(store, "1".repeat(64), List.of(pump(mac, null, "6.5", JAN)));
      StoredDevices.merge(store, "2".repeat(64), List.of(pump(mac, null, "6.6", JAN + 10 * DAY)));
      Object lastSeen = row(mac).get("last_seen");
      assertThat(changes(mac)).containsExactly("firmware:6.5->6.6");

      // A capture of day 5, ingested last: firmware 6.5 then, and the model, unknown so far.
      StoredDevices.merge(
          store, "3".repeat(64), List.of(pump(mac, "Alaris 8015", "6.5", JAN + 5 * DAY)));

      Map<String, Object> after = row(mac);
      assertThat(after.get("firmware")).isEqualTo("6.6");
      assertThat(after.get("model")).isEqualTo("Alaris 8015");
      assertThat(after.get("last_seen")).isEqualTo(lastSeen);
      assertThat(changes(mac)).containsExactly("firmware:6.5->6.6");

      // A later capture still wins.
      StoredDevices.merge(store, "4".repeat(64), List.of(pump(mac, null, "6.7", JAN + 20 * DAY)));
      assertThat(row(mac).get("firmware")).isEqualTo("6.7");
      assertThat(changes(mac)).containsExactly("firmware:6.5->6.6", "firmware:6.6->6.7");
    }
  }
}
