package io.ward.exposure.risk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.ward.model.Category;
import io.ward.model.Criticality;
import io.ward.model.Device;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Applies the clinical rubric (data file {@code clinical-rubric.yaml}) to a device: its category
 * gives the function and CR/IR/AR, its criticality raises or lowers them.
 */
public final class ClinicalRubric {

  private static final ClinicalRubric DEFAULTS = load();

  private final Map<String, JsonNode> categories;

  private ClinicalRubric(Map<String, JsonNode> categories) {
    this.categories = Map.copyOf(categories);
  }

  /** The rubric shipped with Ward. */
  public static ClinicalRubric defaults() {
    return DEFAULTS;
  }

  /** The clinical context of a device. */
  public ClinicalContext contextOf(Device device) {
    return contextOf(device.category(), device.criticality());
  }

  /** The clinical context of a category with a criticality. */
  public ClinicalContext contextOf(Category category, Criticality criticality) {
    List<String> reasons = new ArrayList<>();
    JsonNode c = categories.get(category.id());
    String function = c == null ? "none" : c.path("function").asText("none");
    String cr = c == null ? "M" : c.path("CR").asText("M");
    String ir = c == null ? "M" : c.path("IR").asText("M");
    String ar = c == null ? "M" : c.path("AR").asText("M");
    String mw = c == null ? "low" : c.path("wellbeing").asText("medium");
    if (c == null) {
      reasons.add(
          "category " + category.id() + " is not a clinical function: default requirements (M)");
    } else {
      reasons.add(
          "category "
              + category.id()
              + " handles "
              + describe(function)
              + ": confidentiality "
              + cr
              + ", integrity "
              + ir
              + ", availability "
              + ar);
    }
    if (criticality == Criticality.LIFE_CRITICAL) {
      ir = "H";
      ar = "H";
      mw = "high";
      reasons.add(
          "criticality life-critical: integrity and availability H, well-being impact high");
    } else if (criticality == Criticality.HIGH && !mw.equals("high")) {
      mw = category.medical() ? "high" : "medium";
      reasons.add("criticality high: well-being impact " + mw);
    } else if (criticality == Criticality.LOW && !category.medical()) {
      mw = "low";
      reasons.add("criticality low: well-being impact low");
    }
    return new ClinicalContext(function, cr, ir, ar, mw, reasons);
  }

  private static String describe(String function) {
    switch (function) {
      case "therapy":
        return "delivery of therapy";
      case "monitoring":
        return "patient monitoring";
      case "diagnosis":
        return "diagnostic data";
      case "phi":
        return "PHI of many patients";
      case "workflow":
        return "clinical workflow";
      default:
        return "no clinical function";
    }
  }

  private static ClinicalRubric load() {
    try (InputStream in = ClinicalRubric.class.getResourceAsStream("clinical-rubric.yaml")) {
      if (in == null) {
        throw new IllegalStateException("clinical-rubric.yaml missing from the classpath");
      }
      JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(in);
      Map<String, JsonNode> map = new HashMap<>();
      root.path("categories")
          .fields()
          .forEachRemaining(
              e -> {
                if (Category.fromId(e.getKey()).isEmpty()) {
                  throw new IllegalStateException(
                      "clinical-rubric.yaml: unknown category " + e.getKey());
                }
                map.put(e.getKey(), e.getValue());
              });
      return new ClinicalRubric(map);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
