package io.ward.exposure.feeds.cve5;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import io.ward.exposure.feeds.Cvss;
import io.ward.exposure.feeds.FeedProblem;
import io.ward.exposure.feeds.FeedResult;
import io.ward.exposure.feeds.Json;
import io.ward.exposure.feeds.LegacyVersionRange;
import io.ward.exposure.feeds.Ssvc;
import io.ward.exposure.feeds.VersBounds;
import io.ward.exposure.version.CalendarBound;
import io.ward.model.exposure.Advisory;
import io.ward.model.exposure.AdvisorySource;
import io.ward.model.exposure.AffectedProduct;
import io.ward.model.exposure.CvssScore;
import io.ward.model.exposure.ProductStatus;
import io.ward.model.exposure.SsvcAssessment;
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
import java.util.stream.Stream;

/**
 * Reads CVE JSON 5 records (CVE Record Format 5.x): the CNA container's affected products with
 * their version entries ({@code version}, {@code lessThan}, {@code lessThanOrEqual}, {@code
 * status}, {@code versionType}, {@code changes}) and {@code defaultStatus}, CWE ids, descriptions,
 * CVSS v2/v3.x/v4.0 metrics, and the ADP containers (e.g. CISA's SSVC and CVSS, extra affected
 * entries). One record gives one {@link Advisory} with one {@link Vulnerability}.
 */
public final class Cve5Reader {

  /** Reads one CVE record file. */
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

  /** Reads an already parsed record; {@code file} names it in problems. */
  public FeedResult<Advisory> read(JsonNode root, Path file) {
    List<FeedProblem> problems = new ArrayList<>();
    Optional<JsonNode> meta = Json.object(root, "cveMetadata");
    Optional<String> id = meta.flatMap(m -> Json.text(m, "cveId"));
    Optional<JsonNode> cna = Json.object(root, "containers").flatMap(c -> Json.object(c, "cna"));
    if (id.isEmpty()) {
      return FeedResult.failed(
          FeedProblem.error(file, "/cveMetadata/cveId", "not a CVE record: no cveId"));
    }
    if (Json.textOr(meta.get(), "state", "").equalsIgnoreCase("REJECTED")) {
      return FeedResult.failed(
          FeedProblem.warning(file, "/cveMetadata/state", id.get() + " is REJECTED, not imported"));
    }
    if (cna.isEmpty()) {
      return FeedResult.failed(
          FeedProblem.error(file, "/containers/cna", "record without a CNA container"));
    }
    List<JsonNode> adps =
        Json.object(root, "containers").map(c -> Json.array(c, "adp")).orElse(List.of());
    Map<ProductStatus, List<String>> status = new EnumMap<>(ProductStatus.class);
    List<AffectedProduct> products = new ArrayList<>();
    affected(cna.get(), "/containers/cna", "cna", products, status, file, problems);
    for (int i = 0; i < adps.size(); i++) {
      affected(adps.get(i), "/containers/adp/" + i, "adp" + i, products, status, file, problems);
    }
    List<CvssScore> scores = new ArrayList<>();
    List<SsvcAssessment> ssvc = new ArrayList<>();
    String cnaName =
        providerName(cna.get()).orElse(Json.textOr(meta.get(), "assignerShortName", "CNA"));
    metrics(cna.get(), cnaName, scores, ssvc);
    for (JsonNode adp : adps) {
      metrics(adp, providerName(adp).orElse("ADP"), scores, ssvc);
    }
    List<String> cwes = new ArrayList<>();
    for (JsonNode container : concat(cna.get(), adps)) {
      for (JsonNode problemType : Json.array(container, "problemTypes")) {
        for (JsonNode d : Json.array(problemType, "descriptions")) {
          Json.text(d, "cweId").filter(c -> !cwes.contains(c)).ifPresent(cwes::add);
        }
      }
    }
    List<String> references = new ArrayList<>();
    for (JsonNode ref : Json.array(cna.get(), "references")) {
      Json.text(ref, "url").ifPresent(references::add);
    }
    Vulnerability vulnerability =
        new Vulnerability(
            id,
            List.of(),
            cwes,
            Json.text(cna.get(), "title"),
            english(Json.array(cna.get(), "descriptions")),
            scores,
            status,
            List.of(),
            List.of(),
            List.of(),
            ssvc,
            references);
    Advisory advisory =
        new Advisory(
            id.get(),
            AdvisorySource.CVE5,
            Json.text(cna.get(), "title").orElse(id.get()),
            Optional.of(cnaName),
            Json.instant(Json.text(meta.get(), "datePublished")),
            Json.instant(Json.text(meta.get(), "dateUpdated")),
            Optional.empty(),
            products,
            List.of(vulnerability),
            Optional.of(file.toString()));
    return new FeedResult<>(List.of(advisory), problems);
  }

  private static List<JsonNode> concat(JsonNode first, List<JsonNode> rest) {
    List<JsonNode> all = new ArrayList<>();
    all.add(first);
    all.addAll(rest);
    return all;
  }

  private static Optional<String> providerName(JsonNode container) {
    return Json.object(container, "providerMetadata").flatMap(p -> Json.text(p, "shortName"));
  }

  private static Optional<String> english(List<JsonNode> descriptions) {
    Optional<String> first = Optional.empty();
    for (JsonNode d : descriptions) {
      Optional<String> value = Json.text(d, "value");
      if (Json.textOr(d, "lang", "").toLowerCase(Locale.ROOT).startsWith("en")
          && value.isPresent()) {
        return value;
      }
      if (first.isEmpty()) {
        first = value;
      }
    }
    return first;
  }

  private static void metrics(
      JsonNode container, String source, List<CvssScore> scores, List<SsvcAssessment> ssvc) {
    for (JsonNode metric : Json.array(container, "metrics")) {
      for (String key : List.of("cvssV4_0", "cvssV3_1", "cvssV3_0", "cvssV2_0")) {
        Json.object(metric, key)
            .flatMap(c -> Cvss.fromJson(c, List.of(), Optional.of(source)))
            .ifPresent(scores::add);
      }
      Json.object(metric, "other")
          .filter(o -> Json.textOr(o, "type", "").equalsIgnoreCase("ssvc"))
          .flatMap(o -> Json.object(o, "content"))
          .flatMap(c -> Ssvc.fromAdpContent(c, source))
          .ifPresent(ssvc::add);
    }
  }

  private static void affected(
      JsonNode container,
      String pointer,
      String prefix,
      List<AffectedProduct> products,
      Map<ProductStatus, List<String>> status,
      Path file,
      List<FeedProblem> problems) {
    List<JsonNode> entries = Json.array(container, "affected");
    for (int i = 0; i < entries.size(); i++) {
      JsonNode entry = entries.get(i);
      String at = pointer + "/affected/" + i;
      Optional<String> vendor = Json.text(entry, "vendor").filter(Cve5Reader::known);
      Optional<String> product = Json.text(entry, "product").filter(Cve5Reader::known);
      List<String> cpes = Json.strings(entry, "cpes");
      if (vendor.isEmpty() && product.isEmpty() && cpes.isEmpty()) {
        problems.add(
            FeedProblem.warning(file, at, "affected entry names no vendor, product or CPE"));
        continue;
      }
      String base = prefix + "-" + i;
      String name = String.join(" ", vendor.orElse(""), product.orElse("")).trim();
      Optional<String> purl = Json.text(entry, "packageURL");
      List<JsonNode> versions = Json.array(entry, "versions");
      for (int j = 0; j < versions.size(); j++) {
        JsonNode v = versions.get(j);
        Optional<ProductStatus> s = status(Json.textOr(v, "status", ""));
        if (s.isEmpty()) {
          problems.add(
              FeedProblem.warning(
                  file, at + "/versions/" + j, "version entry without a valid status"));
          continue;
        }
        VersionConstraint constraint = constraint(v);
        String id = base + "-v" + j;
        products.add(product(id, name, vendor, product, constraint, cpes, purl));
        status.computeIfAbsent(s.get(), k -> new ArrayList<>()).add(id);
      }
      // defaultStatus covers every version not listed (CVE 5 schema, "defaultStatus"). Beside
      // listed versions, "unaffected" and "unknown" say nothing new ("unknown" is the schema's
      // default), so only "affected" widens the listed ranges.
      Optional<ProductStatus> fallback =
          Json.text(entry, "defaultStatus").flatMap(Cve5Reader::status);
      if (fallback.isPresent()
          && (fallback.get() == ProductStatus.KNOWN_AFFECTED || versions.isEmpty())) {
        String id = base + "-default";
        products.add(
            product(
                id, name, vendor, product, new VersionConstraint.Vers("vers:all/*"), cpes, purl));
        status.computeIfAbsent(fallback.get(), k -> new ArrayList<>()).add(id);
      } else if (versions.isEmpty()) {
        String id = base;
        products.add(
            product(id, name, vendor, product, new VersionConstraint.Unknown(), cpes, purl));
        status.computeIfAbsent(ProductStatus.UNDER_INVESTIGATION, k -> new ArrayList<>()).add(id);
      }
    }
  }

  private static AffectedProduct product(
      String id,
      String name,
      Optional<String> vendor,
      Optional<String> product,
      VersionConstraint constraint,
      List<String> cpes,
      Optional<String> purl) {
    return new AffectedProduct(
        id,
        name.isEmpty() ? id : name,
        vendor,
        product,
        Optional.empty(),
        constraint,
        List.of(),
        List.of(),
        cpes,
        purl.stream().toList(),
        List.of(),
        List.of(),
        Optional.empty());
  }

  /** One {@code versions[]} entry as a constraint (CVE 5 "version ranges"). */
  private static VersionConstraint constraint(JsonNode v) {
    Optional<String> version = Json.text(v, "version").filter(Cve5Reader::known);
    Optional<String> lessThan = Json.text(v, "lessThan");
    Optional<String> lessThanOrEqual = Json.text(v, "lessThanOrEqual");
    // "changes" narrow the range: the first change to unaffected ends it.
    Optional<String> firstFix =
        Json.array(v, "changes").stream()
            .filter(c -> Json.textOr(c, "status", "").equalsIgnoreCase("unaffected"))
            .map(c -> Json.text(c, "at"))
            .flatMap(Optional::stream)
            .findFirst();
    // versionType "date" bounds a distribution period (CVE-2024-6795: lessThan 8/30/2024), not a
    // version: kept as text marked "(date)" and never read, so a device is possibly affected
    // whatever its firmware, instead of its version being compared with 2024.8.30. So is a bound
    // of type custom (or none) that is written as a calendar date (CISA's ADP restatement of the
    // same bound, "8.30.2024"; the rule is CalendarBound's).
    String versionType = Json.textOr(v, "versionType", "");
    boolean date =
        versionType.equalsIgnoreCase("date")
            || (CalendarBound.untyped(versionType)
                && Stream.of(version, lessThan, lessThanOrEqual, firstFix)
                    .flatMap(Optional::stream)
                    .anyMatch(CalendarBound::isDate));
    if (lessThan.isEmpty() && lessThanOrEqual.isEmpty() && firstFix.isEmpty()) {
      if (version.isEmpty()) {
        return new VersionConstraint.Unknown();
      }
      if (version.get().equals("*")) {
        return new VersionConstraint.Vers("vers:all/*");
      }
      return date
          ? new VersionConstraint.Legacy(version.get() + " (date)", Optional.empty())
          : new VersionConstraint.Exact(version.get());
    }
    // "0" and "*" as the start mean "from the beginning".
    Optional<String> low = version.filter(s -> !s.equals("0") && !s.equals("*"));
    Optional<String> high;
    boolean inclusive;
    if (firstFix.isPresent()) {
      high = firstFix;
      inclusive = false;
    } else if (lessThan.isPresent()) {
      high = lessThan.filter(s -> !s.equals("*"));
      inclusive = false;
    } else {
      high = lessThanOrEqual.filter(s -> !s.equals("*"));
      inclusive = true;
    }
    Optional<VersionConstraint> range =
        date ? Optional.empty() : VersBounds.range(low, true, high, inclusive);
    if (range.isPresent()) {
      return range.get();
    }
    String text =
        version.map(s -> ">=" + s + " ").orElse("") + (inclusive ? "<=" : "<") + high.orElse("*");
    if (date) {
      return new VersionConstraint.Legacy(text.trim() + " (date)", Optional.empty());
    }
    return new VersionConstraint.Legacy(text.trim(), LegacyVersionRange.interpret(text.trim()));
  }

  private static Optional<ProductStatus> status(String text) {
    return switch (text.toLowerCase(Locale.ROOT)) {
      case "affected" -> Optional.of(ProductStatus.KNOWN_AFFECTED);
      case "unaffected" -> Optional.of(ProductStatus.KNOWN_NOT_AFFECTED);
      case "unknown" -> Optional.of(ProductStatus.UNDER_INVESTIGATION);
      default -> Optional.empty();
    };
  }

  /** CVE records write "n/a" where a CNA had nothing to say. */
  private static boolean known(String text) {
    return !text.equalsIgnoreCase("n/a")
        && !text.equalsIgnoreCase("unknown")
        && !text.equalsIgnoreCase("unspecified");
  }

  /** True when {@code root} looks like a CVE 5 record. */
  public static boolean looksLikeCve5(JsonNode root) {
    return root.isObject()
        && (Json.textOr(root, "dataType", "").equals("CVE_RECORD") || root.has("cveMetadata"));
  }
}
