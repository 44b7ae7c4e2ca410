package io.ward.server.inventory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ward.model.Software;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The device columns {@code software} (the items as JSON) and {@code software_names} (their labels,
 * comma-separated, for search): see V202612030930.
 */
public final class SoftwareColumn {
  private SoftwareColumn() {}

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The column's size: items that do not fit are left out, least confident first. */
  static final int MAX_CHARS = 8000;

  /** The software stored in a row; empty for a blank or unreadable column. */
  public static List<Software> read(String column) {
    if (column == null || column.isBlank()) {
      return List.of();
    }
    try {
      List<Software> out = new ArrayList<>();
      for (JsonNode n : JSON.readTree(column)) {
        String product = n.path("product").asText("");
        if (product.isBlank()) {
          continue;
        }
        double c = n.path("confidence").asDouble(0);
        out.add(
            new Software(
                text(n, "vendor"),
                product,
                text(n, "version"),
                n.path("source").asText(""),
                n.path("observed").asText(""),
                text(n, "fingerprint"),
                c >= 0 && c <= 1 ? c : 0));
      }
      return List.copyOf(out);
    } catch (JsonProcessingException e) {
      return List.of(); // written by this class only; an unreadable value shows as none
    }
  }

  /** The JSON of the items, as many as fit in the column (they come most confident first). */
  static String write(List<Software> software) {
    ArrayNode a = JSON.createArrayNode();
    String out = "";
    for (Software s : software) {
      ObjectNode n = a.addObject();
      s.vendor().ifPresent(v -> n.put("vendor", v));
      n.put("product", s.product());
      s.version().ifPresent(v -> n.put("version", v));
      n.put("source", s.source());
      n.put("observed", InventoryWriter.clip(s.observed(), 500));
      s.fingerprint().ifPresent(v -> n.put("fingerprint", v));
      n.put("confidence", s.confidence());
      String text = a.toString();
      if (text.length() > MAX_CHARS) {
        break;
      }
      out = text;
    }
    return software.isEmpty() ? "" : out;
  }

  /** The labels for the {@code software_names} column. */
  static List<String> names(List<Software> software) {
    return software.stream().map(s -> s.label().replace(',', ' ')).toList();
  }

  /**
   * A stored list merged with a newer analysis's: one item per vendor and product, the fresher
   * analysis's winning; items only the other knows are kept, after the fresher's.
   */
  static List<Software> merged(List<Software> fresh, List<Software> old) {
    Map<String, Software> byKey = new LinkedHashMap<>();
    fresh.forEach(s -> byKey.putIfAbsent(s.key(), s));
    old.forEach(s -> byKey.putIfAbsent(s.key(), s));
    return List.copyOf(byKey.values());
  }

  /** The labels joined, for the device's history. */
  static String shown(List<Software> software) {
    return software.stream().map(Software::label).collect(Collectors.joining("; "));
  }

  private static Optional<String> text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || !v.isTextual() || v.asText().isBlank()
        ? Optional.empty()
        : Optional.of(v.asText());
  }
}
