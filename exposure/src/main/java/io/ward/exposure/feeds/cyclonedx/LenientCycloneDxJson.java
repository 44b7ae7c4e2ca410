package io.ward.exposure.feeds.cyclonedx;

import com.fasterxml.jackson.databind.JsonNode;
import io.ward.exposure.feeds.DocumentRevision;
import io.ward.exposure.feeds.Json;
import io.ward.model.exposure.Advisory;
import io.ward.model.exposure.Sbom;
import io.ward.model.exposure.SbomComponent;
import io.ward.model.exposure.VexJustification;
import io.ward.model.exposure.VexStatement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A field-by-field reader of CycloneDX JSON for documents cyclonedx-core-java cannot map (newer
 * spec parts such as CBOM crypto properties in 1.6): only the fields Ward uses are read, so the
 * components and VEX analyses are not lost to an unrelated part of the document.
 */
final class LenientCycloneDxJson {

  private LenientCycloneDxJson() {}

  static CycloneDxContent read(JsonNode root, SbomSubject subject, String source) {
    Optional<JsonNode> rootComponent =
        Json.object(root, "metadata").flatMap(m -> Json.object(m, "component"));
    List<SbomComponent> components = new ArrayList<>();
    flatten(Json.array(root, "components"), components, 0);
    Optional<String> vendor =
        subject.vendor().or(() -> rootComponent.flatMap(LenientCycloneDxJson::supplier));
    Optional<String> model =
        subject.model().or(() -> rootComponent.flatMap(c -> Json.text(c, "name")));
    Optional<String> version =
        subject.version().or(() -> rootComponent.flatMap(c -> Json.text(c, "version")));
    DocumentRevision revision = revision(root);
    Optional<Sbom> sbom = Optional.empty();
    if (!components.isEmpty()) {
      sbom =
          Optional.of(
              new Sbom(
                  vendor,
                  model,
                  version,
                  Json.text(root, "serialNumber"),
                  rootComponent.flatMap(c -> Json.text(c, "bom-ref")),
                  components,
                  source,
                  revision.version(),
                  revision.released()));
    }
    DocumentSbom scope =
        DocumentSbom.of(
            Json.text(root, "serialNumber"),
            rootComponent.flatMap(c -> Json.text(c, "bom-ref")),
            rootComponent.map(LenientCycloneDxJson::bomReferences).orElse(List.of()),
            vendor,
            model,
            version);
    Map<String, SbomComponent> byRef = new HashMap<>();
    rootComponent
        .map(LenientCycloneDxJson::component)
        .ifPresent(c -> c.bomRef().ifPresent(r -> byRef.put(r, c)));
    components.forEach(c -> c.bomRef().ifPresent(r -> byRef.putIfAbsent(r, c)));
    DocumentVex vex = new DocumentVex(byRef, scope);
    List<Advisory> advisories = new ArrayList<>();
    List<JsonNode> vulnerabilities = Json.array(root, "vulnerabilities");
    for (int i = 0; i < vulnerabilities.size(); i++) {
      JsonNode v = vulnerabilities.get(i);
      Optional<String> id = Json.text(v, "id");
      if (id.isEmpty()) {
        continue;
      }
      Optional<JsonNode> analysis = Json.object(v, "analysis");
      Optional<VexStatement.VexStatus> status =
          analysis.flatMap(a -> Json.text(a, "state")).flatMap(LenientCycloneDxJson::status);
      if (status.isEmpty()) {
        // Not a VEX claim: an advisory when it says which versions it affects.
        CycloneDxAdvisory.of(listing(v, id.get()), byRef, source).ifPresent(advisories::add);
        continue;
      }
      Optional<VexJustification> justification =
          analysis.flatMap(a -> Json.text(a, "justification")).flatMap(VexJustification::fromLabel);
      Optional<String> detail = analysis.flatMap(a -> Json.text(a, "detail"));
      VexAnalysis stated = new VexAnalysis(id.get(), status.get(), justification, detail, source);
      List<JsonNode> affects = Json.array(v, "affects");
      for (int j = 0; j < affects.size(); j++) {
        Optional<String> ref = Json.text(affects.get(j), "ref");
        if (ref.isPresent()) {
          vex.add(
              stated,
              ref.get(),
              versions(affects.get(j)),
              "/vulnerabilities/" + i + "/affects/" + j);
        }
      }
    }
    return new CycloneDxContent(
        sbom,
        vex.statements(),
        advisories,
        vex.pending(),
        revision,
        Json.text(root, "serialNumber").map(BomLink::serialNumber),
        rootComponent.flatMap(c -> BomSubject.of(Json.text(c, "group"), Json.text(c, "name"))));
  }

  /** {@code metadata.timestamp} and {@code version} (1 when absent, as the spec defaults it). */
  private static DocumentRevision revision(JsonNode root) {
    return new DocumentRevision(
        Json.instant(Json.object(root, "metadata").flatMap(m -> Json.text(m, "timestamp"))),
        Json.text(root, "version").or(() -> Optional.of("1")));
  }

  private static List<AffectedVersions.Entry> versions(JsonNode affect) {
    List<AffectedVersions.Entry> out = new ArrayList<>();
    for (JsonNode v : Json.array(affect, "versions")) {
      AffectedVersions.Entry.of(
              Json.text(v, "version").orElse(null),
              Json.text(v, "range").orElse(null),
              Json.text(v, "status").flatMap(AffectedVersions.Status::of))
          .ifPresent(out::add);
    }
    return out;
  }

  private static CycloneDxAdvisory.Listing listing(JsonNode v, String id) {
    List<CycloneDxAdvisory.Affect> affects = new ArrayList<>();
    for (JsonNode a : Json.array(v, "affects")) {
      Json.text(a, "ref")
          .ifPresent(ref -> affects.add(new CycloneDxAdvisory.Affect(ref, versions(a))));
    }
    List<String> references = new ArrayList<>();
    for (JsonNode r : Json.array(v, "references")) {
      Json.text(r, "id").ifPresent(references::add);
    }
    return new CycloneDxAdvisory.Listing(
        id,
        references,
        Json.text(v, "description"),
        Json.text(v, "recommendation"),
        Json.instant(Json.text(v, "published")),
        Json.instant(Json.text(v, "updated")),
        affects);
  }

  /** The URLs of a component's external references of type {@code bom}. */
  private static List<String> bomReferences(JsonNode c) {
    List<String> out = new ArrayList<>();
    for (JsonNode r : Json.array(c, "externalReferences")) {
      if (Json.text(r, "type").filter("bom"::equalsIgnoreCase).isPresent()) {
        Json.text(r, "url").ifPresent(out::add);
      }
    }
    return out;
  }

  private static void flatten(List<JsonNode> list, List<SbomComponent> out, int depth) {
    if (depth > 64) {
      return;
    }
    for (JsonNode c : list) {
      if (Json.text(c, "name").isPresent()) {
        out.add(component(c));
      }
      flatten(Json.array(c, "components"), out, depth + 1);
    }
  }

  private static SbomComponent component(JsonNode c) {
    return new SbomComponent(
        Json.text(c, "bom-ref"),
        Json.text(c, "type"),
        Json.text(c, "group"),
        Json.textOr(c, "name", ""),
        Json.text(c, "version"),
        Json.text(c, "purl"),
        Json.text(c, "cpe"),
        supplier(c));
  }

  private static Optional<String> supplier(JsonNode c) {
    return Json.object(c, "supplier")
        .flatMap(s -> Json.text(s, "name"))
        .or(() -> Json.object(c, "manufacturer").flatMap(m -> Json.text(m, "name")))
        .or(() -> Json.text(c, "publisher"))
        .or(() -> Json.text(c, "author"));
  }

  private static Optional<VexStatement.VexStatus> status(String state) {
    return switch (state.toLowerCase(Locale.ROOT)) {
      case "not_affected", "false_positive" -> Optional.of(VexStatement.VexStatus.NOT_AFFECTED);
      case "exploitable" -> Optional.of(VexStatement.VexStatus.AFFECTED);
      case "resolved", "resolved_with_pedigree" -> Optional.of(VexStatement.VexStatus.FIXED);
      case "in_triage" -> Optional.of(VexStatement.VexStatus.UNDER_INVESTIGATION);
      default -> Optional.empty();
    };
  }
}
