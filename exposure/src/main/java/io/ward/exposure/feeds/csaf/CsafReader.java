package io.ward.exposure.feeds.csaf;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import io.ward.exposure.feeds.DocumentRevision;
import io.ward.exposure.feeds.FeedProblem;
import io.ward.exposure.feeds.FeedResult;
import io.ward.exposure.feeds.Json;
import io.ward.model.exposure.Advisory;
import io.ward.model.exposure.AdvisorySource;
import io.ward.model.exposure.Vulnerability;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads CSAF 2.0 documents (security advisories and the VEX profile): validates each against the
 * bundled OASIS schema and imports what is usable. A document whose core fields ({@code
 * /document/title}, {@code /document/tracking/id}) are present is imported even when it violates
 * the schema; each violation is reported with its JSON pointer, plus a warning that the document
 * was imported anyway. Never throws on bad input.
 */
public final class CsafReader {

  /** Schema violations listed per file; the rest are counted. */
  private static final int MAX_VIOLATIONS_LISTED = 20;

  private final boolean validate;

  /** A reader that validates against the CSAF 2.0 schema. */
  public CsafReader() {
    this(true);
  }

  /** A reader; {@code validate=false} skips the schema (faster, for trusted bulk imports). */
  public CsafReader(boolean validate) {
    this.validate = validate;
  }

  /** Reads one CSAF file: at most one advisory, with the problems found. */
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

  /**
   * Reads a CSAF document from bytes (at most {@link Json#MAX_FILE_BYTES}); {@code name} names it.
   */
  public FeedResult<Advisory> read(byte[] bytes, Path name) {
    JsonNode root;
    try {
      if (bytes.length > Json.MAX_FILE_BYTES) {
        return FeedResult.failed(FeedProblem.error(name, "document too large"));
      }
      root = Json.mapper().readTree(bytes);
    } catch (JacksonException e) {
      return FeedResult.failed(
          FeedProblem.error(name, "not valid JSON: " + e.getOriginalMessage()));
    } catch (IOException e) {
      return FeedResult.failed(FeedProblem.error(name, "unreadable: " + e.getMessage()));
    }
    if (root == null || root.isMissingNode()) {
      return FeedResult.failed(FeedProblem.error(name, "empty document"));
    }
    return read(root, name);
  }

  /** Reads an already parsed CSAF document; {@code file} names it in problems. */
  public FeedResult<Advisory> read(JsonNode root, Path file) {
    List<FeedProblem> problems = new ArrayList<>();
    if (validate) {
      validate(root, file, problems);
    }
    Optional<Advisory> advisory = parse(root, file, problems);
    if (advisory.isPresent()
        && problems.stream()
            .anyMatch(p -> p.location().isPresent() && p.message().startsWith("schema: "))) {
      problems.add(
          FeedProblem.warning(
              file, "imported despite schema violations (core fields are present)"));
    }
    return new FeedResult<>(advisory.stream().toList(), problems);
  }

  private static void validate(JsonNode root, Path file, List<FeedProblem> problems) {
    List<CsafSchema.Violation> violations;
    try {
      violations = CsafSchema.validate(root);
    } catch (RuntimeException e) {
      // The validator walks attacker-shaped input; a failure inside it is a problem, not a crash.
      problems.add(FeedProblem.warning(file, "schema validation failed: " + e));
      return;
    }
    for (int i = 0; i < violations.size() && i < MAX_VIOLATIONS_LISTED; i++) {
      CsafSchema.Violation v = violations.get(i);
      problems.add(FeedProblem.error(file, v.pointer(), "schema: " + v.message()));
    }
    if (violations.size() > MAX_VIOLATIONS_LISTED) {
      problems.add(
          FeedProblem.error(
              file, "schema: " + (violations.size() - MAX_VIOLATIONS_LISTED) + " more violations"));
    }
  }

  private static Optional<Advisory> parse(JsonNode root, Path file, List<FeedProblem> problems) {
    if (!root.isObject()) {
      problems.add(FeedProblem.error(file, "/", "not a CSAF document: top level is not an object"));
      return Optional.empty();
    }
    Optional<JsonNode> document = Json.object(root, "document");
    Optional<JsonNode> tracking = document.flatMap(d -> Json.object(d, "tracking"));
    Optional<String> id = tracking.flatMap(t -> Json.text(t, "id"));
    Optional<String> title = document.flatMap(d -> Json.text(d, "title"));
    if (id.isEmpty() || title.isEmpty()) {
      problems.add(
          FeedProblem.error(
              file,
              id.isEmpty() ? "/document/tracking/id" : "/document/title",
              "not importable: core field missing"));
      return Optional.empty();
    }
    JsonNode doc = document.get();
    JsonNode track = tracking.get();
    Optional<String> publisher = Json.object(doc, "publisher").flatMap(p -> Json.text(p, "name"));
    ProductTreeParser tree = new ProductTreeParser(file, problems);
    Json.object(root, "product_tree").ifPresent(tree::parse);
    VulnerabilityParser vulnerabilityParser =
        new VulnerabilityParser(
            file, problems, tree.products().keySet(), tree.groups(), publisher.orElse(id.get()));
    List<Vulnerability> vulnerabilities = new ArrayList<>();
    List<JsonNode> entries = Json.array(root, "vulnerabilities");
    for (int i = 0; i < entries.size(); i++) {
      JsonNode entry = entries.get(i);
      if (!entry.isObject()) {
        problems.add(FeedProblem.error(file, "/vulnerabilities/" + i, "not an object, skipped"));
        continue;
      }
      vulnerabilities.add(vulnerabilityParser.parse(entry, "/vulnerabilities/" + i));
    }
    Optional<String> self =
        Json.array(doc, "references").stream()
            .filter(r -> Json.textOr(r, "category", "").equals("self"))
            .findFirst()
            .flatMap(r -> Json.text(r, "url"));
    return Optional.of(
        new Advisory(
            id.get(),
            AdvisorySource.CSAF,
            title.get(),
            publisher,
            Json.instant(Json.text(track, "initial_release_date")),
            Json.instant(Json.text(track, "current_release_date")),
            self,
            List.copyOf(tree.products().values()),
            vulnerabilities,
            Optional.of(file.toString())));
  }

  /**
   * The revision a CSAF document is: {@code /document/tracking/current_release_date}, then {@code
   * /document/tracking/version} (§3.1.11.7, §3.1.11.8).
   */
  public static DocumentRevision revision(JsonNode root) {
    JsonNode tracking = root.path("document").path("tracking");
    return new DocumentRevision(
        Json.instant(Json.text(tracking, "current_release_date")), Json.text(tracking, "version"));
  }

  /** True when {@code root} looks like a CSAF document ({@code /document/csaf_version}). */
  public static boolean looksLikeCsaf(JsonNode root) {
    return root.isObject()
        && Json.object(root, "document").flatMap(d -> Json.text(d, "csaf_version")).isPresent();
  }
}
