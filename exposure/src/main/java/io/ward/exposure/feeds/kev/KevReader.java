package io.ward.exposure.feeds.kev;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import io.ward.exposure.feeds.FeedProblem;
import io.ward.exposure.feeds.FeedResult;
import io.ward.exposure.feeds.Json;
import io.ward.model.exposure.KevEntry;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads CISA's Known Exploited Vulnerabilities catalog JSON ({@code
 * known_exploited_vulnerabilities.json}, schema v1). Entries without a valid CVE id or date added
 * are reported and skipped; the rest are kept.
 */
public final class KevReader {

  private static final Pattern CVE = Pattern.compile("CVE-\\d{4}-\\d{4,}");

  /** Reads one catalog file. */
  public FeedResult<KevEntry> read(Path file) {
    JsonNode root;
    try {
      root = Json.read(file);
    } catch (JacksonException e) {
      return FeedResult.failed(
          FeedProblem.error(file, "not valid JSON: " + e.getOriginalMessage()));
    } catch (IOException e) {
      return FeedResult.failed(FeedProblem.error(file, "unreadable: " + e.getMessage()));
    }
    if (!looksLikeKev(root)) {
      return FeedResult.failed(
          FeedProblem.error(file, "not a KEV catalog: no catalogVersion and vulnerabilities[]"));
    }
    List<KevEntry> entries = new ArrayList<>();
    List<FeedProblem> problems = new ArrayList<>();
    List<JsonNode> items = Json.array(root, "vulnerabilities");
    for (int i = 0; i < items.size(); i++) {
      entry(items.get(i), file, "/vulnerabilities/" + i, problems).ifPresent(entries::add);
    }
    return new FeedResult<>(entries, problems);
  }

  private static Optional<KevEntry> entry(
      JsonNode node, Path file, String pointer, List<FeedProblem> problems) {
    Optional<String> cve = Json.text(node, "cveID").map(c -> c.toUpperCase(Locale.ROOT));
    if (cve.isEmpty() || !CVE.matcher(cve.get()).matches()) {
      problems.add(
          FeedProblem.error(file, pointer + "/cveID", "missing or invalid CVE id, skipped"));
      return Optional.empty();
    }
    Optional<LocalDate> added = Json.text(node, "dateAdded").flatMap(Json::date);
    if (added.isEmpty()) {
      problems.add(
          FeedProblem.error(file, pointer + "/dateAdded", "missing or invalid dateAdded, skipped"));
      return Optional.empty();
    }
    Optional<String> due = Json.text(node, "dueDate");
    Optional<LocalDate> dueDate = due.flatMap(Json::date);
    if (due.isPresent() && dueDate.isEmpty()) {
      problems.add(FeedProblem.warning(file, pointer + "/dueDate", "invalid dueDate, ignored"));
    }
    return Optional.of(
        new KevEntry(
            cve.get(),
            Json.textOr(node, "vendorProject", ""),
            Json.textOr(node, "product", ""),
            Json.text(node, "vulnerabilityName"),
            added.get(),
            dueDate,
            Json.textOr(node, "knownRansomwareCampaignUse", "").equalsIgnoreCase("Known"),
            Json.text(node, "requiredAction"),
            Json.text(node, "shortDescription"),
            Json.strings(node, "cwes")));
  }

  /** True when {@code root} has the KEV catalog shape. */
  public static boolean looksLikeKev(JsonNode root) {
    return root.isObject() && root.has("catalogVersion") && root.path("vulnerabilities").isArray();
  }
}
