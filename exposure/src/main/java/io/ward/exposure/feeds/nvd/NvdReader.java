package io.ward.exposure.feeds.nvd;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import io.ward.exposure.feeds.Cvss;
import io.ward.exposure.feeds.FeedProblem;
import io.ward.exposure.feeds.FeedResult;
import io.ward.exposure.feeds.Json;
import io.ward.exposure.feeds.VersBounds;
import io.ward.model.exposure.Advisory;
import io.ward.model.exposure.AdvisorySource;
import io.ward.model.exposure.AffectedProduct;
import io.ward.model.exposure.CvssScore;
import io.ward.model.exposure.ProductStatus;
import io.ward.model.exposure.VersionConstraint;
import io.ward.model.exposure.Vulnerability;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads NVD CVE API 2.0 JSON (an API response page or a 2.0 feed file: {@code vulnerabilities[]
 * .cve}). Each CVE becomes one {@link Advisory}; each {@code cpeMatch} of its configurations one
 * product, with {@code versionStart…}/{@code versionEnd…} bounds as a {@code vers} range. Matches
 * marked {@code vulnerable} are {@link ProductStatus#KNOWN_AFFECTED}; the others (platforms of an
 * AND configuration, e.g. the hardware a firmware runs on) are listed without a status.
 */
public final class NvdReader {

  private static final List<String> METRICS =
      List.of("cvssMetricV40", "cvssMetricV31", "cvssMetricV30", "cvssMetricV2");

  /** Deepest node nesting followed ({@code children} of NVD 1.1 style nodes). */
  private static final int MAX_DEPTH = 16;

  /** Reads one NVD 2.0 JSON file. */
  public FeedResult<Advisory> read(Path file) {
    JsonNode root;
    try {
      root = Json.read(file);
    } catch (JacksonException e) {
      return FeedResult.failed(
          FeedProblem.error(file, "not valid JSON: " + e.getOriginalMessage()));
    } catch (IOException e) {
      return FeedResult.failed(FeedProblem.error(file, "unreadable: " + e.getMessage()));
    }
    return read(root, file);
  }

  /** Reads an already parsed NVD 2.0 document; {@code file} names it in problems. */
  public FeedResult<Advisory> read(JsonNode root, Path file) {
    if (!looksLikeNvd(root)) {
      return FeedResult.failed(
          FeedProblem.error(file, "not an NVD CVE API 2.0 document: no vulnerabilities[].cve"));
    }
    List<Advisory> advisories = new ArrayList<>();
    List<FeedProblem> problems = new ArrayList<>();
    List<JsonNode> items = Json.array(root, "vulnerabilities");
    for (int i = 0; i < items.size(); i++) {
      String pointer = "/vulnerabilities/" + i + "/cve";
      Optional<JsonNode> cve = Json.object(items.get(i), "cve");
      Optional<String> id = cve.flatMap(c -> Json.text(c, "id"));
      if (id.isEmpty()) {
        problems.add(FeedProblem.error(file, pointer, "entry without cve.id, skipped"));
        continue;
      }
      if (Json.textOr(cve.get(), "vulnStatus", "").equalsIgnoreCase("Rejected")) {
        problems.add(FeedProblem.warning(file, pointer, id.get() + " is Rejected, not imported"));
        continue;
      }
      advisories.add(advisory(cve.get(), id.get(), file, pointer, problems));
    }
    return new FeedResult<>(advisories, problems);
  }

  private static Advisory advisory(
      JsonNode cve, String id, Path file, String pointer, List<FeedProblem> problems) {
    List<AffectedProduct> products = new ArrayList<>();
    List<String> affected = new ArrayList<>();
    List<JsonNode> configurations = Json.array(cve, "configurations");
    for (int c = 0; c < configurations.size(); c++) {
      List<JsonNode> nodes = Json.array(configurations.get(c), "nodes");
      for (int n = 0; n < nodes.size(); n++) {
        node(nodes.get(n), "c" + c + "n" + n, products, affected, 1, file, pointer, problems);
      }
    }
    Map<ProductStatus, List<String>> status = new EnumMap<>(ProductStatus.class);
    if (!affected.isEmpty()) {
      status.put(ProductStatus.KNOWN_AFFECTED, affected);
    }
    List<CvssScore> scores = new ArrayList<>();
    Json.object(cve, "metrics")
        .ifPresent(
            metrics -> {
              for (String key : METRICS) {
                for (JsonNode m : Json.array(metrics, key)) {
                  Json.object(m, "cvssData")
                      .flatMap(d -> Cvss.fromJson(d, List.of(), Json.text(m, "source")))
                      .ifPresent(scores::add);
                }
              }
            });
    List<String> cwes = new ArrayList<>();
    for (JsonNode weakness : Json.array(cve, "weaknesses")) {
      for (JsonNode d : Json.array(weakness, "description")) {
        Json.text(d, "value")
            .filter(v -> v.startsWith("CWE-") && !cwes.contains(v))
            .ifPresent(cwes::add);
      }
    }
    List<String> references = new ArrayList<>();
    for (JsonNode ref : Json.array(cve, "references")) {
      Json.text(ref, "url").ifPresent(references::add);
    }
    Optional<String> description = Optional.empty();
    for (JsonNode d : Json.array(cve, "descriptions")) {
      if (Json.textOr(d, "lang", "").toLowerCase(Locale.ROOT).startsWith("en")) {
        description = Json.text(d, "value");
        break;
      }
    }
    Vulnerability vulnerability =
        new Vulnerability(
            Optional.of(id),
            List.of(),
            cwes,
            Json.text(cve, "cisaVulnerabilityName"),
            description,
            scores,
            status,
            List.of(),
            List.of(),
            List.of(),
            List.of(),
            references);
    return new Advisory(
        id,
        AdvisorySource.NVD,
        Json.text(cve, "cisaVulnerabilityName").orElse(id),
        Json.text(cve, "sourceIdentifier"),
        Json.instant(Json.text(cve, "published")),
        Json.instant(Json.text(cve, "lastModified")),
        Optional.of("https://nvd.nist.gov/vuln/detail/" + id),
        products,
        List.of(vulnerability),
        Optional.of(file.toString()));
  }

  private static void node(
      JsonNode node,
      String prefix,
      List<AffectedProduct> products,
      List<String> affected,
      int depth,
      Path file,
      String pointer,
      List<FeedProblem> problems) {
    if (depth > MAX_DEPTH) {
      problems.add(FeedProblem.warning(file, pointer, "configuration nodes nested too deep"));
      return;
    }
    // A negated node names what is NOT affected; it only narrows, never adds products.
    if (node.path("negate").asBoolean(false)) {
      return;
    }
    List<JsonNode> matches = Json.array(node, "cpeMatch");
    for (int m = 0; m < matches.size(); m++) {
      JsonNode match = matches.get(m);
      Optional<String> criteria = Json.text(match, "criteria");
      if (criteria.isEmpty()) {
        problems.add(FeedProblem.warning(file, pointer, "cpeMatch without criteria, ignored"));
        continue;
      }
      String id = prefix + "m" + m;
      List<String> fields = cpeFields(criteria.get());
      products.add(
          new AffectedProduct(
              id,
              criteria.get(),
              field(fields, 3),
              field(fields, 4),
              Optional.empty(),
              constraint(match, field(fields, 5), criteria.get()),
              List.of(),
              List.of(),
              List.of(criteria.get()),
              List.of(),
              List.of(),
              List.of(),
              Optional.empty()));
      if (match.path("vulnerable").asBoolean(false)) {
        affected.add(id);
      }
    }
    List<JsonNode> children = Json.array(node, "children");
    for (int c = 0; c < children.size(); c++) {
      node(
          children.get(c),
          prefix + "c" + c,
          products,
          affected,
          depth + 1,
          file,
          pointer,
          problems);
    }
  }

  private static VersionConstraint constraint(
      JsonNode match, Optional<String> cpeVersion, String criteria) {
    Optional<String> startIncl = Json.text(match, "versionStartIncluding");
    Optional<String> startExcl = Json.text(match, "versionStartExcluding");
    Optional<String> endIncl = Json.text(match, "versionEndIncluding");
    Optional<String> endExcl = Json.text(match, "versionEndExcluding");
    boolean bounded =
        startIncl.isPresent()
            || startExcl.isPresent()
            || endIncl.isPresent()
            || endExcl.isPresent();
    if (bounded) {
      Optional<String> low = startIncl.isPresent() ? startIncl : startExcl;
      Optional<String> high = endIncl.isPresent() ? endIncl : endExcl;
      return VersBounds.range(low, startIncl.isPresent(), high, endIncl.isPresent())
          .orElseGet(() -> new VersionConstraint.Legacy(boundsText(match), Optional.empty()));
    }
    if (cpeVersion.isEmpty()) {
      // CPE "*" (any) and "-" (not applicable: the product has no versions) both cover every
      // instance; a name too short to have a version field says nothing.
      return cpeFields(criteria).size() > 5
          ? new VersionConstraint.Vers("vers:all/*")
          : new VersionConstraint.Unknown();
    }
    return new VersionConstraint.Exact(cpeVersion.get());
  }

  private static String boundsText(JsonNode match) {
    StringBuilder text = new StringBuilder();
    Json.text(match, "versionStartIncluding")
        .ifPresent(v -> text.append(">=").append(v).append(' '));
    Json.text(match, "versionStartExcluding")
        .ifPresent(v -> text.append('>').append(v).append(' '));
    Json.text(match, "versionEndIncluding").ifPresent(v -> text.append("<=").append(v));
    Json.text(match, "versionEndExcluding").ifPresent(v -> text.append('<').append(v));
    return text.toString().trim();
  }

  /** A CPE 2.3 field that names something (not {@code *}, not {@code -}), unescaped. */
  private static Optional<String> field(List<String> fields, int index) {
    if (index >= fields.size()) {
      return Optional.empty();
    }
    String value = fields.get(index);
    if (value.isEmpty() || value.equals("*") || value.equals("-")) {
      return Optional.empty();
    }
    return Optional.of(value.replaceAll("\\\\(.)", "$1"));
  }

  /** Splits a CPE 2.3 formatted string on unescaped colons (CPE 2.3 §6.2). */
  static List<String> cpeFields(String cpe) {
    List<String> fields = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (int i = 0; i < cpe.length(); i++) {
      char c = cpe.charAt(i);
      if (c == '\\' && i + 1 < cpe.length()) {
        current.append(c).append(cpe.charAt(++i));
      } else if (c == ':') {
        fields.add(current.toString());
        current.setLength(0);
      } else {
        current.append(c);
      }
    }
    fields.add(current.toString());
    return fields;
  }

  /** True when {@code root} has the NVD 2.0 shape ({@code vulnerabilities[].cve}). */
  public static boolean looksLikeNvd(JsonNode root) {
    if (!root.isObject()) {
      return false;
    }
    if (Json.textOr(root, "format", "").equals("NVD_CVE")) {
      return true;
    }
    JsonNode first = root.path("vulnerabilities").path(0);
    return first.isObject() && first.path("cve").isObject();
  }
}
