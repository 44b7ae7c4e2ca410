package io.ward.exposure.feeds;

import com.fasterxml.jackson.databind.JsonNode;
import io.ward.model.exposure.SsvcAssessment;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads published SSVC assessments: the compact vector CISA writes in CSAF notes ({@code
 * SSVCv2/E:N/A:Y/T:P/2024-07-11T21:26:33Z/}) and the CISA ADP {@code other.content} object of CVE
 * JSON 5 ({@code options: [{Exploitation: none}, {Automatable: no}, {Technical Impact: partial}]}).
 * Not part of the public API.
 */
public final class Ssvc {

  private Ssvc() {}

  /** Reads an {@code SSVCv2/…} vector; empty when it lacks E, A or T. */
  public static Optional<SsvcAssessment> parseVector(String vector, String source) {
    if (!vector.startsWith("SSVCv2/")) {
      return Optional.empty();
    }
    Map<String, String> values = new HashMap<>();
    String timestamp = null;
    for (String part : vector.substring("SSVCv2/".length()).split("/")) {
      int colon = part.indexOf(':');
      if (colon == 1) {
        values.put(part.substring(0, 1), part.substring(2));
      } else if (!part.isBlank()) {
        timestamp = part;
      }
    }
    String e =
        switch (values.getOrDefault("E", "")) {
          case "N" -> "none";
          case "P" -> "poc";
          case "A" -> "active";
          default -> "";
        };
    String a =
        switch (values.getOrDefault("A", "")) {
          case "Y" -> "yes";
          case "N" -> "no";
          default -> "";
        };
    String t =
        switch (values.getOrDefault("T", "")) {
          case "P" -> "partial";
          case "T" -> "total";
          default -> "";
        };
    if (e.isEmpty() || a.isEmpty() || t.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new SsvcAssessment(e, a, t, Json.instant(Optional.ofNullable(timestamp)), source));
  }

  /** Reads CISA's ADP SSVC content object; empty when an option is missing. */
  public static Optional<SsvcAssessment> fromAdpContent(JsonNode content, String source) {
    Map<String, String> options = new HashMap<>();
    for (JsonNode option : Json.array(content, "options")) {
      option
          .fields()
          .forEachRemaining(
              f ->
                  options.put(
                      f.getKey().toLowerCase(Locale.ROOT),
                      f.getValue().asText().trim().toLowerCase(Locale.ROOT)));
    }
    String e = options.get("exploitation");
    String a = options.get("automatable");
    String t = options.get("technical impact");
    if (e == null || a == null || t == null || e.isEmpty() || a.isEmpty() || t.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new SsvcAssessment(e, a, t, Json.instant(Json.text(content, "timestamp")), source));
  }
}
