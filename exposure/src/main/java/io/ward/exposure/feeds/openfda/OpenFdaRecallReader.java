package io.ward.exposure.feeds.openfda;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import io.ward.exposure.feeds.FeedProblem;
import io.ward.exposure.feeds.FeedResult;
import io.ward.exposure.feeds.Json;
import io.ward.model.exposure.DeviceRecall;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads openFDA device recall ({@code /device/recall.json}: {@code product_res_number}, {@code
 * res_event_number}, {@code recall_status}, {@code event_date_initiated}) and device enforcement
 * ({@code /device/enforcement.json}: {@code recall_number}, {@code event_id}, {@code
 * classification}, {@code status}, {@code recall_initiation_date}) responses, or their bulk
 * download files. Model and catalog numbers are read from {@code code_info} and {@code
 * product_description} so recalls can be matched to device models.
 */
public final class OpenFdaRecallReader {

  /**
   * "Model Number: 409-375", "Catalog # SP3000146-ST", "Models 8015, 8100 and 8120", "REF 12345",
   * "P/N: K6870", "Item No. 15-2979/02".
   */
  private static final Pattern MODEL =
      Pattern.compile(
          "(?i)\\b(?:models?(?:/catalog)?|catalog(?:ue)?s?|cat\\.?|ref|items?|parts?|p/n|pn)"
              + "(?:\\s*(?:numbers?|nos?\\.?|#))?\\s*[:#.]?\\s*"
              + "([A-Z0-9][A-Z0-9\\-./]{1,39}(?:\\s*(?:,|;|and|&)\\s*[A-Z0-9][A-Z0-9\\-./]{1,39})*)");

  private static final Pattern SEPARATOR = Pattern.compile("\\s*(?:,|;|\\band\\b|&)\\s*");

  /** Reads one openFDA response or download file. */
  public FeedResult<DeviceRecall> read(Path file) {
    JsonNode root;
    try {
      root = Json.read(file);
    } catch (JacksonException e) {
      return FeedResult.failed(
          FeedProblem.error(file, "not valid JSON: " + e.getOriginalMessage()));
    } catch (IOException e) {
      return FeedResult.failed(FeedProblem.error(file, "unreadable: " + e.getMessage()));
    }
    if (!root.path("results").isArray()) {
      return FeedResult.failed(FeedProblem.error(file, "not an openFDA response: no results[]"));
    }
    List<DeviceRecall> recalls = new ArrayList<>();
    List<FeedProblem> problems = new ArrayList<>();
    List<JsonNode> results = Json.array(root, "results");
    for (int i = 0; i < results.size(); i++) {
      recall(results.get(i), file, "/results/" + i, problems).ifPresent(recalls::add);
    }
    return new FeedResult<>(recalls, problems);
  }

  private static Optional<DeviceRecall> recall(
      JsonNode r, Path file, String pointer, List<FeedProblem> problems) {
    Optional<String> number =
        Json.text(r, "recall_number").or(() -> Json.text(r, "product_res_number"));
    if (number.isEmpty()) {
      problems.add(
          FeedProblem.error(
              file, pointer, "result without recall_number or product_res_number, skipped"));
      return Optional.empty();
    }
    String description = Json.textOr(r, "product_description", "");
    Optional<String> codeInfo = Json.text(r, "code_info");
    Optional<String> date =
        Json.text(r, "recall_initiation_date").or(() -> Json.text(r, "event_date_initiated"));
    return Optional.of(
        new DeviceRecall(
            number.get(),
            Json.text(r, "event_id").or(() -> Json.text(r, "res_event_number")),
            Json.textOr(r, "recalling_firm", ""),
            description,
            modelNumbers(codeInfo.orElse("") + "\n" + description),
            codeInfo,
            Json.textOr(r, "reason_for_recall", ""),
            Json.text(r, "classification").flatMap(OpenFdaRecallReader::recallClass),
            date.flatMap(Json::date),
            Json.text(r, "status").or(() -> Json.text(r, "recall_status")),
            Json.text(r, "product_code")));
  }

  /** Model and catalog numbers named in free text, in order, without duplicates. */
  static List<String> modelNumbers(String text) {
    Set<String> models = new LinkedHashSet<>();
    Matcher m = MODEL.matcher(text.length() > 20_000 ? text.substring(0, 20_000) : text);
    while (m.find()) {
      for (String token : SEPARATOR.split(m.group(1))) {
        String model = token.replaceAll("[.,;]+$", "");
        if (model.length() >= 2 && model.chars().anyMatch(Character::isDigit)) {
          models.add(model);
        }
      }
    }
    return List.copyOf(models);
  }

  private static Optional<DeviceRecall.RecallClass> recallClass(String text) {
    return switch (text.trim().toUpperCase(Locale.ROOT).replace("CLASS", "").trim()) {
      case "I", "1" -> Optional.of(DeviceRecall.RecallClass.CLASS_I);
      case "II", "2" -> Optional.of(DeviceRecall.RecallClass.CLASS_II);
      case "III", "3" -> Optional.of(DeviceRecall.RecallClass.CLASS_III);
      default -> Optional.empty();
    };
  }

  /** True when {@code root} looks like an openFDA device recall or enforcement response. */
  public static boolean looksLikeOpenFda(JsonNode root) {
    JsonNode first = root.path("results").path(0);
    return first.isObject()
        && (first.has("recall_number")
            || first.has("product_res_number")
            || first.has("res_event_number"));
  }
}
