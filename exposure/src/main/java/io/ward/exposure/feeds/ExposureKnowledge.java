package io.ward.exposure.feeds;

import io.ward.model.exposure.Advisory;
import io.ward.model.exposure.CmdbAsset;
import io.ward.model.exposure.DeviceRecall;
import io.ward.model.exposure.EpssScore;
import io.ward.model.exposure.KevEntry;
import io.ward.model.exposure.Mds2Form;
import io.ward.model.exposure.Sbom;
import io.ward.model.exposure.VexStatement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything Ward knows from outside the network: advisories, KEV, EPSS, recalls, SBOMs, VEX
 * statements, MDS2 forms and CMDB assets, plus every problem met while reading them.
 *
 * @param advisories CSAF, NVD and CVE 5 advisories (one per document id and source, newest kept)
 * @param kev KEV entries
 * @param epss EPSS scores
 * @param recalls FDA device recalls
 * @param sboms SBOMs
 * @param vex VEX statements from CycloneDX and CSAF VEX documents, document by document in the
 *     order their files were read; of a document read twice (a CycloneDX VEX by its serial number),
 *     those of the copy used only
 * @param mds2 MDS2 forms
 * @param cmdb CMDB assets
 * @param problems every problem, each naming its file
 * @param vexWaiting the warnings (among {@code problems}) of the CycloneDX VEX statements that name
 *     a component by BOM-link in an SBOM not read with them: they apply to no device until that
 *     SBOM is read too, one warning per {@code affects} entry
 * @param vexDocuments the ids of the advisories that are CSAF VEX documents ({@code csaf_vex}):
 *     their "not affected" and "fixed" act through their statements in {@code vex} only, on the
 *     findings of any advisory, never as findings of their own (which would list a device's finding
 *     twice)
 * @param bomSerials the serial numbers of the CycloneDX BOMs read (SBOM, VEX or neither), the copy
 *     used of each: a revision that lists no components and carries no VEX analysis still withdraws
 *     what an older copy listed or said, so reading one changes what applies
 * @param superseded the copies of CycloneDX BOMs out of force because a newer revision of the same
 *     BOM was read, with what they said and listed
 */
public record ExposureKnowledge(
    List<Advisory> advisories,
    List<KevEntry> kev,
    List<EpssScore> epss,
    List<DeviceRecall> recalls,
    List<Sbom> sboms,
    List<VexStatement> vex,
    List<Mds2Form> mds2,
    List<CmdbAsset> cmdb,
    List<FeedProblem> problems,
    List<FeedProblem> vexWaiting,
    Set<String> vexDocuments,
    Set<String> bomSerials,
    List<SupersededBom> superseded) {

  public ExposureKnowledge {
    advisories = List.copyOf(advisories);
    kev = List.copyOf(kev);
    epss = List.copyOf(epss);
    recalls = List.copyOf(recalls);
    sboms = List.copyOf(sboms);
    vex = List.copyOf(vex);
    mds2 = List.copyOf(mds2);
    cmdb = List.copyOf(cmdb);
    problems = List.copyOf(problems);
    vexWaiting = List.copyOf(vexWaiting);
    vexDocuments = Set.copyOf(vexDocuments);
    bomSerials = Set.copyOf(bomSerials);
    superseded = List.copyOf(superseded);
  }

  /** Knowledge in which no copy of a CycloneDX BOM is superseded. */
  public ExposureKnowledge(
      List<Advisory> advisories,
      List<KevEntry> kev,
      List<EpssScore> epss,
      List<DeviceRecall> recalls,
      List<Sbom> sboms,
      List<VexStatement> vex,
      List<Mds2Form> mds2,
      List<CmdbAsset> cmdb,
      List<FeedProblem> problems,
      List<FeedProblem> vexWaiting,
      Set<String> vexDocuments,
      Set<String> bomSerials) {
    this(
        advisories,
        kev,
        epss,
        recalls,
        sboms,
        vex,
        mds2,
        cmdb,
        problems,
        vexWaiting,
        vexDocuments,
        bomSerials,
        List.of());
  }

  /** Knowledge without CSAF VEX documents among its advisories, nor CycloneDX BOMs by serial. */
  public ExposureKnowledge(
      List<Advisory> advisories,
      List<KevEntry> kev,
      List<EpssScore> epss,
      List<DeviceRecall> recalls,
      List<Sbom> sboms,
      List<VexStatement> vex,
      List<Mds2Form> mds2,
      List<CmdbAsset> cmdb,
      List<FeedProblem> problems,
      List<FeedProblem> vexWaiting) {
    this(
        advisories,
        kev,
        epss,
        recalls,
        sboms,
        vex,
        mds2,
        cmdb,
        problems,
        vexWaiting,
        Set.of(),
        Set.of());
  }

  /** Knowledge with no VEX statement waiting for its SBOM, and no CSAF VEX document. */
  public ExposureKnowledge(
      List<Advisory> advisories,
      List<KevEntry> kev,
      List<EpssScore> epss,
      List<DeviceRecall> recalls,
      List<Sbom> sboms,
      List<VexStatement> vex,
      List<Mds2Form> mds2,
      List<CmdbAsset> cmdb,
      List<FeedProblem> problems) {
    this(advisories, kev, epss, recalls, sboms, vex, mds2, cmdb, problems, List.of());
  }

  /** KEV entries by CVE id (computed on each call; keep the result). */
  public Map<String, KevEntry> kevByCve() {
    Map<String, KevEntry> out = new HashMap<>();
    kev.forEach(k -> out.putIfAbsent(k.cve(), k));
    return Map.copyOf(out);
  }

  /** EPSS scores by CVE id, the latest date winning (computed on each call; keep the result). */
  public Map<String, EpssScore> epssByCve() {
    Map<String, EpssScore> out = new HashMap<>();
    epss.forEach(e -> out.merge(e.cve(), e, (a, b) -> a.date().isAfter(b.date()) ? a : b));
    return Map.copyOf(out);
  }

  /** This knowledge with the assets of a CMDB export added, its problems first. */
  public ExposureKnowledge withCmdb(FeedResult<CmdbAsset> export) {
    List<CmdbAsset> assets = new java.util.ArrayList<>(cmdb);
    assets.addAll(export.items());
    List<FeedProblem> all = new java.util.ArrayList<>(export.problems());
    all.addAll(problems);
    return new ExposureKnowledge(
        advisories,
        kev,
        epss,
        recalls,
        sboms,
        vex,
        mds2,
        assets,
        all,
        vexWaiting,
        vexDocuments,
        bomSerials,
        superseded);
  }

  /** True when some problem is an error (something was not imported). */
  public boolean hasErrors() {
    return problems.stream().anyMatch(FeedProblem::isError);
  }
}
