package io.ward.exposure.feeds;

import com.fasterxml.jackson.databind.JsonNode;
import io.ward.exposure.feeds.csaf.CsafReader;
import io.ward.exposure.feeds.csaf.CsafVex;
import io.ward.exposure.feeds.cve5.Cve5Reader;
import io.ward.exposure.feeds.cyclonedx.CycloneDxContent;
import io.ward.exposure.feeds.cyclonedx.CycloneDxReader;
import io.ward.exposure.feeds.cyclonedx.PendingVex;
import io.ward.exposure.feeds.epss.EpssReader;
import io.ward.exposure.feeds.kev.KevReader;
import io.ward.exposure.feeds.mds2.Mds2Reader;
import io.ward.exposure.feeds.nvd.NvdReader;
import io.ward.exposure.feeds.openfda.OpenFdaRecallReader;
import io.ward.model.exposure.Advisory;
import io.ward.model.exposure.CmdbAsset;
import io.ward.model.exposure.DeviceRecall;
import io.ward.model.exposure.EpssScore;
import io.ward.model.exposure.KevEntry;
import io.ward.model.exposure.Mds2Form;
import io.ward.model.exposure.Sbom;
import io.ward.model.exposure.VexStatement;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Reads files of any known kind into growing lists; one per load, not thread-safe. */
final class KnowledgeCollector {

  private final CsafReader csaf;
  private final LocalDate epssDate;
  private final NewestRevisions revisions = new NewestRevisions();

  /** The CycloneDX BOMs with a serial number, every copy read and those in force. */
  private final BomRevisions boms = new BomRevisions();

  /** The advisories by source and id, each the newest copy read. */
  private final Map<String, Advisory> advisories = new LinkedHashMap<>();

  /**
   * The VEX statements by document: a CSAF VEX document's under its key among {@link #advisories},
   * a CycloneDX VEX's under the key of its copy in force ({@link BomRevisions.Copy#key}).
   */
  private final VexDocuments vex = new VexDocuments();

  /**
   * The serial numbers of the BOMs some copy of which carried VEX analyses (see {@link
   * #keepNewestBom}).
   */
  private final Set<String> bomsWithVex = new HashSet<>();

  /**
   * The serial numbers of the BOMs some copy of which listed components (see {@link
   * #keepNewestBom}).
   */
  private final Set<String> bomsWithComponents = new HashSet<>();

  /**
   * The SBOMs by document: a CycloneDX BOM's under the key of its copy in force ({@link
   * BomRevisions.Copy#key}), the copies in force only.
   */
  private final SbomDocuments sboms = new SbomDocuments();

  /** The copies of BOMs a newer revision took out of force, with what they held. */
  private final List<SupersededBom> superseded = new ArrayList<>();

  /** How many files were read, the last one's place in the order of reading. */
  private int filesRead;

  private final List<KevEntry> kev = new ArrayList<>();
  private final List<EpssScore> epss = new ArrayList<>();
  private final List<DeviceRecall> recalls = new ArrayList<>();
  private final List<Mds2Form> mds2 = new ArrayList<>();
  private final List<CmdbAsset> cmdb = new ArrayList<>();
  private final List<FeedProblem> problems = new ArrayList<>();

  KnowledgeCollector(boolean validateCsaf, LocalDate epssDate) {
    this.csaf = new CsafReader(validateCsaf);
    this.epssDate = epssDate;
  }

  /** Reads {@code file} as {@code kind}; returns how many items it gave (0 when nothing usable). */
  int read(Path file, FeedKind kind) {
    filesRead++;
    return switch (kind) {
      case CSAF, NVD, CVE5 -> advisories(file);
      case KEV -> add(new KevReader().read(file), kev);
      case EPSS -> add(new EpssReader().read(file, epssDate), epss);
      case OPENFDA -> add(new OpenFdaRecallReader().read(file), recalls);
      case CYCLONEDX -> cycloneDx(file);
      case MDS2 -> add(new Mds2Reader().read(file, Optional.empty()), mds2);
      case UNKNOWN -> 0;
    };
  }

  void addCmdb(FeedResult<CmdbAsset> result) {
    add(result, cmdb);
  }

  void problem(FeedProblem problem) {
    problems.add(problem);
  }

  List<FeedProblem> problems() {
    return problems;
  }

  /** The SBOMs read so far, in reading order: of copies of one BOM, the one used. */
  List<Sbom> sboms() {
    return sboms.inReadingOrder();
  }

  /**
   * The documents read so far that have an id (advisories, CSAF VEX, CycloneDX BOMs with a serial
   * number, whatever they hold): the copy used of each.
   */
  List<NewestRevisions.Copy> documents() {
    List<NewestRevisions.Copy> out = new ArrayList<>(revisions.used());
    boms.inForce().forEach(c -> out.add(c.document()));
    return out;
  }

  /**
   * Takes in what {@code other} read, as if this collector had read it after its own files: of a
   * document both read, the newest copy is used, with a warning naming both files.
   */
  void absorb(KnowledgeCollector other) {
    kev.addAll(other.kev);
    epss.addAll(other.epss);
    recalls.addAll(other.recalls);
    mds2.addAll(other.mds2);
    cmdb.addAll(other.cmdb);
    problems.addAll(other.problems);
    superseded.addAll(other.superseded);
    int before = filesRead;
    filesRead += other.filesRead;
    Map<String, VexDocuments.Document> otherVex = other.vex.byKey();
    other.advisories.forEach(
        (key, a) ->
            keepNewest(
                a,
                other.revisions.used(key).orElseThrow(),
                Optional.ofNullable(otherVex.get(key)).map(d -> d.after(before))));
    bomsWithVex.addAll(other.bomsWithVex);
    bomsWithComponents.addAll(other.bomsWithComponents);
    other.sboms.unnamed().forEach(b -> sboms.putUnnamed(b.after(before)));
    Set<String> otherBoms = other.boms.keysInForce();
    otherVex.forEach(
        (key, d) -> {
          if (!other.advisories.containsKey(key) && !otherBoms.contains(key)) {
            vex.putUnnamed(d.after(before));
          }
        });
    for (BomRevisions.Copy copy : other.boms.inForce()) {
      keepNewestBom(
          copy,
          Optional.ofNullable(otherVex.get(copy.key())).map(d -> d.after(before)),
          other.sboms.get(copy.key()).map(b -> b.after(before)));
    }
  }

  /**
   * The CycloneDX VEX statements read so far that wait for the SBOM their BOM-link names, by
   * document: a document's key ({@link NewestRevisions.Copy#key}, so that of two copies only the
   * one used counts), or a key of its own for a VEX without serial number.
   */
  Map<String, List<PendingVex>> pendingVex() {
    Map<String, List<PendingVex>> out = new LinkedHashMap<>();
    vex.byKey()
        .forEach(
            (key, d) -> {
              if (!d.pending().isEmpty()) {
                out.put(key, d.pending());
              }
            });
    return out;
  }

  /**
   * Everything read. A CycloneDX VEX statement about a component its document does not list takes
   * it from the SBOM its BOM-link names, among every SBOM read, before or after the VEX.
   */
  ExposureKnowledge build() {
    return build(sboms());
  }

  /**
   * Everything read, a CycloneDX VEX statement about a component its document does not list taking
   * it from the SBOM its BOM-link names among {@code linkable} (which may hold SBOMs read apart).
   */
  ExposureKnowledge build(List<Sbom> linkable) {
    List<VexStatement> statements = new ArrayList<>();
    List<FeedProblem> all = new ArrayList<>(problems);
    List<FeedProblem> waiting = new ArrayList<>();
    // Document by document in the order read (VexDocuments says why), as applyVex tries them.
    for (VexDocuments.Document document : vex.inReadingOrder()) {
      statements.addAll(document.made());
      for (PendingVex pending : document.pending()) {
        FeedResult<VexStatement> resolved = pending.resolve(linkable);
        statements.addAll(resolved.items());
        all.addAll(resolved.problems());
        if (pending.waitsForSbom(linkable)) {
          waiting.addAll(resolved.problems());
        }
      }
    }
    return new ExposureKnowledge(
        List.copyOf(advisories.values()),
        kev,
        epss,
        recalls,
        sboms(),
        statements,
        mds2,
        cmdb,
        all,
        waiting,
        vexDocumentIds(),
        bomSerials(),
        superseded);
  }

  /** The serial numbers of the CycloneDX BOMs read, whatever they hold. */
  private Set<String> bomSerials() {
    return Set.copyOf(boms.serials());
  }

  /** The ids of the CSAF VEX documents: those whose statements are held under an advisory's key. */
  private Set<String> vexDocumentIds() {
    Set<String> ids = new HashSet<>();
    vex.byKey().keySet().stream()
        .filter(advisories::containsKey)
        .forEach(key -> ids.add(advisories.get(key).id()));
    return ids;
  }

  private int advisories(Path file) {
    JsonNode root;
    try {
      root = Json.read(file);
    } catch (IOException e) {
      problems.add(FeedProblem.error(file, "unreadable JSON: " + e.getMessage()));
      return 0;
    }
    FeedKind kind = FeedSniffer.kindOf(root);
    FeedResult<Advisory> result =
        switch (kind) {
          case CSAF -> csaf.read(root, file);
          case CVE5 -> new Cve5Reader().read(root, file);
          default -> new NvdReader().read(root, file);
        };
    problems.addAll(result.problems());
    boolean vexProfile =
        kind == FeedKind.CSAF && CsafVex.isVex(root.path("document").path("category").asText(""));
    for (Advisory a : result.items()) {
      DocumentRevision revision =
          kind == FeedKind.CSAF
              ? CsafReader.revision(root)
              : DocumentRevision.released(a.updated());
      keepNewest(
          a,
          copy(a, revision, file),
          vexProfile
              ? Optional.of(
                  new VexDocuments.Document(
                      filesRead, file.toString(), CsafVex.statements(a), List.of()))
              : Optional.empty());
    }
    return result.items().size();
  }

  private static NewestRevisions.Copy copy(Advisory a, DocumentRevision revision, Path file) {
    return new NewestRevisions.Copy(a.source() + ":" + a.id(), a.id(), revision, file.toString());
  }

  /**
   * The same document id from the same source twice (revisions, or one file in two folders): the
   * newest copy is used, advisory and VEX statements alike.
   *
   * @param csafVex the statements when the document is a CSAF VEX document
   */
  private void keepNewest(
      Advisory a, NewestRevisions.Copy copy, Optional<VexDocuments.Document> csafVex) {
    if (!revisions.offer(copy, problems)) {
      return;
    }
    advisories.put(copy.key(), a);
    vex.remove(copy.key());
    csafVex.ifPresent(statements -> vex.put(copy.key(), statements));
  }

  /**
   * The SBOM and VEX statements of a CycloneDX document. Copies of one BOM (the same serial number
   * and product, in two folders or as revisions: {@link BomRevisions}) are used once, the newest
   * ({@link CycloneDxContent#bomRevision}), with a warning naming both files as for an advisory:
   * its components are matched once, and an older revision's not at all. Documents of one serial
   * number that describe different products are both used, with a warning. A BOM without serial
   * number, which nothing tells apart from another, is used each time it is read.
   */
  private void keepBom(CycloneDxContent content, Path file) {
    Optional<VexDocuments.Document> document =
        content.hasVex()
            ? Optional.of(
                new VexDocuments.Document(
                    filesRead, file.toString(), content.vex(), content.pending()))
            : Optional.empty();
    Optional<SbomDocuments.Held> sbom =
        content.sbom().map(b -> new SbomDocuments.Held(filesRead, b));
    if (content.serialNumber().isEmpty()) {
      document.ifPresent(vex::putUnnamed);
      sbom.ifPresent(sboms::putUnnamed);
      return;
    }
    String serial = content.serialNumber().get();
    keepNewestBom(
        new BomRevisions.Copy(
            serial,
            content.subject(),
            (content.hasVex() ? "CycloneDX VEX " : "CycloneDX BOM ") + serial,
            content.bomRevision(),
            file.toString()),
        document,
        sbom);
  }

  /**
   * Of the copies of one BOM the newest is in force, whether it carries VEX analyses or components
   * or not: a revision that no longer carries an analysis withdraws what the older one said (a
   * retracted "not affected" must not go on silencing the vulnerability), one that lists other
   * components replaces the older one's. So every copy with a serial number is offered, whatever
   * the order of reading; the warning is given where some copy carried VEX or components, as copies
   * of a BOM with neither change nothing.
   */
  private void keepNewestBom(
      BomRevisions.Copy copy,
      Optional<VexDocuments.Document> document,
      Optional<SbomDocuments.Held> sbom) {
    document.ifPresent(d -> bomsWithVex.add(copy.serial()));
    sbom.ifPresent(b -> bomsWithComponents.add(copy.serial()));
    List<FeedProblem> warnings = worthAWarning(copy.serial()) ? problems : new ArrayList<>();
    BomRevisions.Change change = boms.offer(copy, warnings);
    for (BomRevisions.Copy withdrawn : change.withdrawn()) {
      superseded.add(
          superseded(
              withdrawn,
              copy,
              Optional.ofNullable(vex.byKey().get(withdrawn.key())),
              sboms.get(withdrawn.key())));
      vex.remove(withdrawn.key());
      sboms.remove(withdrawn.key());
    }
    if (change.used()) {
      document.ifPresent(d -> vex.put(copy.key(), d));
      sbom.ifPresent(b -> sboms.put(copy.key(), b));
    }
    change.supersededBy().ifPresent(by -> superseded.add(superseded(copy, by, document, sbom)));
  }

  private static SupersededBom superseded(
      BomRevisions.Copy copy,
      BomRevisions.Copy by,
      Optional<VexDocuments.Document> document,
      Optional<SbomDocuments.Held> sbom) {
    return new SupersededBom(
        copy.file(),
        copy.revision().text(),
        by.file(),
        document.map(d -> d.made().size() + d.pending().size()).orElse(0),
        sbom.map(b -> b.sbom().components().size()).orElse(0));
  }

  /** True for a serial number some copy of which carried VEX analyses or listed components. */
  private boolean worthAWarning(String serial) {
    return bomsWithVex.contains(serial) || bomsWithComponents.contains(serial);
  }

  private int cycloneDx(Path file) {
    FeedResult<CycloneDxContent> result = new CycloneDxReader().read(file);
    problems.addAll(result.problems());
    int count = 0;
    for (CycloneDxContent content : result.items()) {
      keepBom(content, file);
      content
          .advisories()
          .forEach(a -> keepNewest(a, copy(a, content.revision(), file), Optional.empty()));
      count += content.sbom().isPresent() ? 1 : 0;
      count += content.vex().size() + content.pending().size() + content.advisories().size();
    }
    return count;
  }

  private <T> int add(FeedResult<T> result, List<T> into) {
    into.addAll(result.items());
    problems.addAll(result.problems());
    return result.items().size();
  }
}
