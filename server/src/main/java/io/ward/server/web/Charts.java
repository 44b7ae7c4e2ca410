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

  /** A chart of counts by label, in the map's order. */
  String counts(String type, String label, Map<String, Long> counts) {
    return json.writeValueAsString(
        Map.of(
            "type",
            type,
            "label",
            label,
            "labels",
            counts.keySet().stream().map(k -> k.replace('-', ' ')).toList(),
            "values",
            List.copyOf(counts.values())));
  }
}
