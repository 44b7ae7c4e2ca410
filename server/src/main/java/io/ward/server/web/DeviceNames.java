package io.ward.server.web;

import io.ward.server.api.RemediationJson;
import io.ward.server.inventory.DeviceQueryService;
import io.ward.server.inventory.DeviceRow;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/** Display names of the devices remediation cards cover, so a card names them, not their ids. */
final class DeviceNames {
  private static final int MAX = 1000;

  private DeviceNames() {}

  static Map<Long, String> of(DeviceQueryService devices, Collection<RemediationJson.View> cards) {
    Map<Long, String> names = new HashMap<>();
    for (RemediationJson.View r : cards) {
      for (long id : r.deviceIds()) {
        if (names.size() >= MAX) {
          return names;
        }
        names.computeIfAbsent(
            id, k -> devices.device(k).map(DeviceRow::name).orElse("device " + k));
      }
    }
    return names;
  }
}
