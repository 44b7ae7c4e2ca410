package io.ward.exposure.feeds.cyclonedx;

import io.ward.exposure.feeds.DocumentRevision;
import io.ward.exposure.feeds.FeedProblem;
import io.ward.exposure.feeds.FeedResult;
import io.ward.exposure.feeds.Json;
import io.ward.model.exposure.Advisory;
import io.ward.model.exposure.Sbom;
import io.ward.model.exposure.SbomComponent;
import io.ward.model.exposure.VexJustification;
import io.ward.model.exposure.VexStatement;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.cyclonedx.exception.ParseException;
import org.cyclonedx.model.Bom;
import org.cyclonedx.model.Component;
import org.cyclonedx.model.ExternalReference;
import org.cyclonedx.model.OrganizationalEntity;
import org.cyclonedx.model.vulnerability.Vulnerability;
import org.cyclonedx.parsers.BomParserFactory;
import org.cyclonedx.parsers.Parser;

/**
 * Reads CycloneDX documents, JSON or XML (spec 1.0 to 1.6, through cyclonedx-core-java): the
 * components (nested ones flattened) as an {@link Sbom} whose subject is {@code metadata.component}
 * unless the caller names it, and the VEX analyses ({@code vulnerabilities[].analysis} with their
 * {@code affects} refs) as {@link VexStatement}s; an analysis of a component the document does not
 * list waits for the SBOM its BOM-link names ({@link PendingVex}).
 */
public final class CycloneDxReader {

  /** Components read at most from one BOM (nested ones included). */
  private static final int MAX_COMPONENTS = 1_000_000;

  /** Reads one document, taking the device from the BOM. */
  public FeedResult<CycloneDxContent> read(Path file) {
    return read(file, SbomSubject.fromBom());
  }

  /** Reads one document; what {@code subject} names overrides {@code metadata.component}. */
  public FeedResult<CycloneDxContent> read(Path file, SbomSubject subject) {
    Bom bom;
    byte[] bytes;
    try {
      if (Files.size(file) > Json.MAX_FILE_BYTES) {
        return FeedResult.failed(FeedProblem.error(file, "file too large for a BOM"));
      }
      bytes = Files.readAllBytes(file);
      Parser parser = BomParserFactory.createParser(bytes);
      bom = parser.parse(bytes);
    } catch (ParseException | RuntimeException e) {
      // The library maps untrusted JSON/XML onto its model; when it cannot (a bad file, or a
      // newer spec part it does not know), JSON is read again field by field.
      return lenient(file, subject, rootMessage(e));
    } catch (IOException e) {
      return FeedResult.failed(FeedProblem.error(file, "unreadable: " + e.getMessage()));
    }
    if (bom == null) {
      return FeedResult.failed(FeedProblem.error(file, "not a CycloneDX BOM"));
    }
    List<FeedProblem> problems = new ArrayList<>();
    Optional<Component> root = Optional.ofNullable(bom.getMetadata()).map(m -> m.getComponent());
    List<SbomComponent> components = new ArrayList<>();
    flatten(bom.getComponents(), components, 0, file, problems);
    Optional<String> vendor = subject.vendor().or(() -> root.flatMap(CycloneDxReader::supplier));
    Optional<String> model = subject.model().or(() -> root.flatMap(c -> text(c.getName())));
    Optional<String> version = subject.version().or(() -> root.flatMap(c -> text(c.getVersion())));
    DocumentRevision revision = revision(bom, bytes);
    Optional<Sbom> sbom = Optional.empty();
    if (!components.isEmpty()) {
      sbom =
          Optional.of(
              new Sbom(
                  vendor,
                  model,
                  version,
                  text(bom.getSerialNumber()),
                  root.flatMap(c -> text(c.getBomRef())),
                  components,
                  file.toString(),
                  revision.version(),
                  revision.released()));
    }
    DocumentSbom scope =
        DocumentSbom.of(
            text(bom.getSerialNumber()),
            root.flatMap(c -> text(c.getBomRef())),
            root.map(CycloneDxReader::bomReferences).orElse(List.of()),
            vendor,
            model,
            version);
    Map<String, SbomComponent> byRef = new HashMap<>();
    root.map(CycloneDxReader::component).ifPresent(c -> c.bomRef().ifPresent(r -> byRef.put(r, c)));
    for (SbomComponent c : components) {
      c.bomRef().ifPresent(r -> byRef.putIfAbsent(r, c));
    }
    DocumentVex vex = new DocumentVex(byRef, scope);
    List<Advisory> advisories = new ArrayList<>();
    vulnerabilities(bom, byRef, file, problems, vex, advisories);
    if (sbom.isEmpty()
        && vex.statements().isEmpty()
        && vex.pending().isEmpty()
        && advisories.isEmpty()) {
      problems.add(
          FeedProblem.warning(file, "CycloneDX document without components or VEX analyses"));
    }
    return new FeedResult<>(
        List.of(
            new CycloneDxContent(
                sbom,
                vex.statements(),
                advisories,
                vex.pending(),
                revision,
                text(bom.getSerialNumber()).map(BomLink::serialNumber),
                root.flatMap(c -> BomSubject.of(text(c.getGroup()), text(c.getName()))))),
        problems);
  }

  /** {@code metadata.timestamp} and {@code version}. */
  private static DocumentRevision revision(Bom bom, byte[] bytes) {
    Optional<java.time.Instant> released =
        Optional.ofNullable(bom.getMetadata())
            .map(m -> m.getTimestamp())
            .map(java.util.Date::toInstant);
    if (released.isEmpty() && bom.getMetadata() != null) {
      // cyclonedx-core-java leaves some valid date-times unread, such as
      // 2025-07-23T20:52:41.344402+00:00 (microseconds, as real SBOMs write them): without it two
      // copies of one version could not be told apart by their timestamp.
      released = jsonTimestamp(bytes);
    }
    return new DocumentRevision(released, Optional.of(Integer.toString(bom.getVersion())));
  }

  /** {@code metadata.timestamp} of a JSON document; empty for XML or when unreadable. */
  private static Optional<java.time.Instant> jsonTimestamp(byte[] bytes) {
    try {
      return Json.instant(Json.text(Json.mapper().readTree(bytes).path("metadata"), "timestamp"));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  private static FeedResult<CycloneDxContent> lenient(Path file, SbomSubject subject, String why) {
    com.fasterxml.jackson.databind.JsonNode root;
    try {
      root = Json.read(file);
    } catch (IOException | RuntimeException e) {
      return FeedResult.failed(FeedProblem.error(file, "not a readable CycloneDX BOM: " + why));
    }
    if (!Json.textOr(root, "bomFormat", "").equalsIgnoreCase("CycloneDX")) {
      return FeedResult.failed(FeedProblem.error(file, "not a readable CycloneDX BOM: " + why));
    }
    CycloneDxContent content = LenientCycloneDxJson.read(root, subject, file.toString());
    return new FeedResult<>(
        List.of(content),
        List.of(
            FeedProblem.warning(
                file,
                "cyclonedx-core-java could not map the document ("
                    + why
                    + "); components and VEX read field by field")));
  }

  private static void flatten(
      List<Component> list,
      List<SbomComponent> out,
      int depth,
      Path file,
      List<FeedProblem> problems) {
    if (list == null) {
      return;
    }
    if (depth > 64) {
      problems.add(FeedProblem.warning(file, "components nested deeper than 64, rest ignored"));
      return;
    }
    for (Component c : list) {
      if (out.size() >= MAX_COMPONENTS) {
        problems.add(
            FeedProblem.error(file, "more than " + MAX_COMPONENTS + " components, rest ignored"));
        return;
      }
      if (c == null || text(c.getName()).isEmpty()) {
        problems.add(FeedProblem.warning(file, "component without a name, skipped"));
      } else {
        out.add(component(c));
      }
      if (c != null) {
        flatten(c.getComponents(), out, depth + 1, file, problems);
      }
    }
  }

  private static SbomComponent component(Component c) {
    return new SbomComponent(
        text(c.getBomRef()),
        Optional.ofNullable(c.getType()).map(t -> t.getTypeName()),
        text(c.getGroup()),
        text(c.getName()).orElse(""),
        text(c.getVersion()),
        text(c.getPurl()),
        text(c.getCpe()),
        supplier(c));
  }

  private static Optional<String> supplier(Component c) {
    return name(c.getSupplier())
        .or(() -> name(c.getManufacturer()))
        .or(() -> text(c.getPublisher()))
        .or(() -> text(c.getAuthor()));
  }

  private static Optional<String> name(OrganizationalEntity entity) {
    return entity == null ? Optional.empty() : text(entity.getName());
  }

  /**
   * The VEX statements ({@code analysis} given; narrowed by the affected versions) and the
   * advisories (no analysis, but versions listed) of the document's vulnerabilities.
   */
  private static void vulnerabilities(
      Bom bom,
      Map<String, SbomComponent> byRef,
      Path file,
      List<FeedProblem> problems,
      DocumentVex out,
      List<Advisory> advisories) {
    List<Vulnerability> vulnerabilities = bom.getVulnerabilities();
    if (vulnerabilities == null) {
      return;
    }
    for (int i = 0; i < vulnerabilities.size(); i++) {
      Vulnerability v = vulnerabilities.get(i);
      String pointer = "/vulnerabilities/" + i;
      if (v == null || text(v.getId()).isEmpty()) {
        problems.add(FeedProblem.warning(file, pointer, "vulnerability without id, skipped"));
        continue;
      }
      List<Vulnerability.Affect> affects = v.getAffects() == null ? List.of() : v.getAffects();
      Vulnerability.Analysis analysis = v.getAnalysis();
      if (analysis == null || analysis.getState() == null) {
        // Not a VEX claim: an advisory when it says which versions it affects.
        CycloneDxAdvisory.of(listing(v, affects), byRef, file.toString())
            .ifPresent(advisories::add);
        continue;
      }
      VexStatement.VexStatus status = status(analysis.getState());
      Optional<VexJustification> justification =
          Optional.ofNullable(analysis.getJustification())
              .flatMap(j -> VexJustification.fromLabel(j.getJustificationName()));
      Optional<String> detail = text(analysis.getDetail()).or(() -> text(v.getRecommendation()));
      if (affects.isEmpty()) {
        problems.add(FeedProblem.warning(file, pointer, "VEX analysis without affects[], skipped"));
      }
      VexAnalysis stated =
          new VexAnalysis(v.getId().trim(), status, justification, detail, file.toString());
      for (int j = 0; j < affects.size(); j++) {
        Vulnerability.Affect affect = affects.get(j);
        Optional<String> ref = text(affect == null ? null : affect.getRef());
        if (ref.isEmpty()) {
          problems.add(FeedProblem.warning(file, pointer, "affects entry without ref, skipped"));
          continue;
        }
        out.add(stated, ref.get(), versions(affect), pointer + "/affects/" + j);
      }
    }
  }

  private static List<AffectedVersions.Entry> versions(Vulnerability.Affect affect) {
    List<AffectedVersions.Entry> out = new ArrayList<>();
    if (affect.getVersions() != null) {
      for (Vulnerability.Version v : affect.getVersions()) {
        if (v != null) {
          AffectedVersions.Entry.of(
                  v.getVersion(),
                  v.getRange(),
                  Optional.ofNullable(v.getStatus())
                      .flatMap(s -> AffectedVersions.Status.of(s.getStatusName())))
              .ifPresent(out::add);
        }
      }
    }
    return out;
  }

  private static CycloneDxAdvisory.Listing listing(
      Vulnerability v, List<Vulnerability.Affect> affects) {
    List<CycloneDxAdvisory.Affect> out = new ArrayList<>();
    for (Vulnerability.Affect a : affects) {
      if (a != null) {
        text(a.getRef())
            .ifPresent(
                ref -> out.add(new CycloneDxAdvisory.Affect(BomLink.localRef(ref), versions(a))));
      }
    }
    List<String> references = new ArrayList<>();
    if (v.getReferences() != null) {
      for (Vulnerability.Reference r : v.getReferences()) {
        if (r != null) {
          text(r.getId()).ifPresent(references::add);
        }
      }
    }
    return new CycloneDxAdvisory.Listing(
        v.getId().trim(),
        references,
        text(v.getDescription()),
        text(v.getRecommendation()),
        Optional.ofNullable(v.getPublished()).map(java.util.Date::toInstant),
        Optional.ofNullable(v.getUpdated()).map(java.util.Date::toInstant),
        out);
  }

  /** The URLs of a component's external references of type {@code bom}. */
  private static List<String> bomReferences(Component c) {
    List<String> out = new ArrayList<>();
    if (c.getExternalReferences() != null) {
      for (ExternalReference r : c.getExternalReferences()) {
        if (r != null && r.getType() == ExternalReference.Type.BOM) {
          text(r.getUrl()).ifPresent(out::add);
        }
      }
    }
    return out;
  }

  private static VexStatement.VexStatus status(Vulnerability.Analysis.State state) {
    return switch (state) {
      case NOT_AFFECTED, FALSE_POSITIVE -> VexStatement.VexStatus.NOT_AFFECTED;
      case EXPLOITABLE -> VexStatement.VexStatus.AFFECTED;
      case RESOLVED, RESOLVED_WITH_PEDIGREE -> VexStatement.VexStatus.FIXED;
      case IN_TRIAGE -> VexStatement.VexStatus.UNDER_INVESTIGATION;
    };
  }

  private static Optional<String> text(String s) {
    return s == null || s.isBlank() ? Optional.empty() : Optional.of(s.trim());
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    String message = t.getMessage() == null ? t.toString() : t.getMessage();
    return message.length() > 300 ? message.substring(0, 300) + "…" : message;
  }
}
