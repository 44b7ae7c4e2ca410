package io.ward.server.web;

import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * Chart data for the console's script ({@code /js/ward.js}), written as JSON into a {@code
 * data-chart} attribute: no inline script is needed, so the CSP stays {@code script-src 'self'}.
 */
final class Charts {
  private final JsonMapper json;

  Charts(JsonMapper json) {
    this.json = json;
  }

  /**
   * A chart of counts by label, in the map's order.
   *
   * @param palette the colour scheme the script applies: {@code categories}, {@code criticality}
   *     (life-critical to low) or {@code risk} (none to critical)
   */
  String counts(String type, String palette, Map<String, Long> counts) {
    return json.writeValueAsString(
        Map.of(
            "type",
            type,
            "palette",
            palette,
            "label",
            "devices",
            "labels",
            List.copyOf(counts.keySet()),
            "values",
            List.copyOf(counts.values())));
  }
}
