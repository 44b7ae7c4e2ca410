package io.ward.exposure.feeds;

import static io.ward.exposure.feeds.CycloneDxTestDocs.CASE2_SERIAL;
import static io.ward.exposure.feeds.CycloneDxTestDocs.JSON;
import static io.ward.exposure.feeds.CycloneDxTestDocs.NARROW_SERIAL;
import static io.ward.exposure.feeds.CycloneDxTestDocs.caseStudy;
import static io.ward.exposure.feeds.CycloneDxTestDocs.cisaCase2;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ward.model.exposure.Advisory;
import io.ward.model.exposure.AffectedProduct;
import io.ward.model.exposure.VersionConstraint;
import io.ward.model.exposure.VexStatement;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A document read twice (two folders, or twice in one tree) is used once: its newest revision by
 * release date, then by version, whichever copy was read first, with a warning naming both files.
 *
 * <p>Built from CISA's ICSMA-20-254-01 (Philips patient monitoring), whose version 4 (Update C,
 * 2023-12-14) is the real file; its Update B (version 3, 2021-11-08) is that file rolled back, as a
 * copy left behind in another folder would be. A CycloneDX VEX is one document by its {@code
 * serialNumber}, its newest copy the higher {@code version}, then the later {@code
 * metadata.timestamp}: CISA's VEX use case 2, given a serial number.
 */
class KnowledgeLoaderRevisionsTest {

  private static final LocalDate TODAY = LocalDate.of(2025, 1, 1);
  private static final String ID = "ICSMA-20-254-01";

  @TempDir Path dir;

  @Test
  void shouldUseTheNewestRevisionWhicheverFolderIsReadFirstAndNameBothFiles() throws IOException {
    Path older = write("older/icsma-20-254-01.json", updateB());
    Path newer = write("newer/icsma-20-254-01.json", real());

    for (List<Path> order : List.of(List.of(older, newer), List.of(newer, older))) {
      ExposureKnowledge k =
          KnowledgeLoader.load(
              order.stream().map(f -> LoadRequest.of(TODAY).withFeeds(f.getParent())).toList(),
              List.of());

      assertThat(k.advisories())
          .as(order.toString())
          .singleElement()
          .satisfies(a -> assertThat(a.title()).endsWith("(Update C)"))
          .satisfies(a -> assertThat(a.sourceFile()).contains(newer.toString()));
      assertThat(k.problems())
          .as(order.toString())
          .singleElement()
          .satisfies(
              p -> {
                assertThat(p.severity()).isEqualTo(FeedProblem.Severity.WARNING);
                assertThat(p.file()).isEqualTo(order.get(1).toString());
                assertThat(p.message())
                    .contains(
                        ID,
                        order.get(0).toString(),
                        "version 4 of 2023-12-14T07:00:00Z",
                        "version 3 of 2021-11-08T07:00:00Z",
                        order.get(1) == newer ? "supersedes" : "is superseded by");
              });
    }
  }

  @Test
  void shouldUseTheHigherVersionOfTwoReleasedTheSameDay() throws IOException {
    // A same-day correction, in a folder read after the one holding the real file.
    ObjectNode correction = real();
    tracking(correction).put("version", "5");
    revisionHistory(correction)
        .addObject()
        .put("date", "2023-12-14T07:00:00.000000Z")
        .put("number", "5")
        .put("summary", "Update D - same-day correction");
    ((ObjectNode) correction.get("document"))
        .put("title", "Philips Patient Monitoring Devices (Update D)");
    write("a/icsma-20-254-01.json", real());
    Path corrected = write("b/icsma-20-254-01.json", correction);

    ExposureKnowledge k = KnowledgeLoader.load(LoadRequest.of(TODAY).withFeeds(dir));

    assertThat(k.advisories())
        .singleElement()
        .satisfies(a -> assertThat(a.title()).endsWith("(Update D)"));
    assertThat(k.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.file()).isEqualTo(corrected.toString());
              assertThat(p.message())
                  .contains(ID, "supersedes", dir.resolve("a/icsma-20-254-01.json").toString());
            });
  }

  @Test
  void shouldUseTheNewestCycloneDxReportByItsTimestamp() throws IOException {
    // Read first, but the older report: the fix was thought to be 5.5.0.
    write("a-first.cdx.json", report(1, "2024-01-10T00:00:00Z", "5.5.0"));
    Path newer = write("b-second.cdx.json", report(2, "2024-06-01T00:00:00Z", "5.5.2"));

    ExposureKnowledge k = KnowledgeLoader.load(LoadRequest.of(TODAY).withFeeds(dir));

    assertThat(k.advisories())
        .singleElement()
        .satisfies(
            a ->
                assertThat(a.products())
                    .extracting(AffectedProduct::version)
                    .containsExactly(new VersionConstraint.Vers("vers:generic/<5.5.2")));
    assertThat(k.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.file()).isEqualTo(newer.toString());
              assertThat(p.message())
                  .contains("CVE-2022-42905", "supersedes", "a-first.cdx.json", "version 2");
            });
  }

  @Test
  void shouldDropTheStatementsOfASupersededCsafVexDocument() throws IOException {
    ObjectNode first =
        (ObjectNode) JSON.readTree(Fixtures.path("csaf/vex-infusion-pump.json").toFile());
    // Revision 2 withdraws its Heartbleed statements and keeps those about Log4Shell.
    ObjectNode second = first.deepCopy();
    tracking(second).put("current_release_date", "2024-05-01T10:00:00.000Z").put("version", "2");
    revisionHistory(second)
        .addObject()
        .put("date", "2024-05-01T10:00:00.000Z")
        .put("number", "2")
        .put("summary", "Heartbleed statements withdrawn.");
    ((ArrayNode) second.get("vulnerabilities")).remove(1);
    write("b/vex-rev1.json", first);
    write("a/vex-rev2.json", second);

    ExposureKnowledge k = KnowledgeLoader.load(LoadRequest.of(TODAY).withFeeds(dir));

    assertThat(k.vex())
        .hasSize(2)
        .extracting(VexStatement::vulnerability)
        .containsOnly("CVE-2021-44228");
    assertThat(k.advisories()).extracting(Advisory::id).containsExactly("EIS-VEX-2024-001");
    assertThat(k.problems())
        .singleElement()
        .satisfies(p -> assertThat(p.message()).contains("is superseded by", "vex-rev2.json"));
  }

  @Test
  void shouldApplyTheStatementsOfACycloneDxVexInTwoFoldersOnceAndNameBothFiles()
      throws IOException {
    // The same VEX, a copy left in another folder: 19 statements, not 38.
    Path first = write("a/vex-cisa-case2.cdx.json", cisaCase2(1, "2022-03-03T00:00:00Z"));
    Path second = write("b/vex-cisa-case2.cdx.json", cisaCase2(1, "2022-03-03T00:00:00Z"));

    List<ExposureKnowledge> loads =
        List.of(
            KnowledgeLoader.load(LoadRequest.of(TODAY).withFeeds(dir)),
            KnowledgeLoader.load(
                List.of(
                    LoadRequest.of(TODAY).withSboms(first.getParent()),
                    LoadRequest.of(TODAY).withSboms(second.getParent())),
                List.of()));

    for (ExposureKnowledge k : loads) {
      assertThat(k.vex())
          .hasSize(19)
          .extracting(VexStatement::source)
          .containsOnly(first.toString());
      assertThat(k.problems())
          .singleElement()
          .satisfies(
              p -> {
                assertThat(p.severity()).isEqualTo(FeedProblem.Severity.WARNING);
                assertThat(p.file()).isEqualTo(second.toString());
                assertThat(p.message())
                    .contains(
                        "CycloneDX VEX "
                            + CASE2_SERIAL
                            + " here (version 1 of 2022-03-03T00:00:00Z)",
                        "is the same revision as the copy in " + first,
                        "that one is used");
              });
    }
  }

  @Test
  void shouldUseTheHigherVersionOfACycloneDxVexWhateverItsTimestamp() throws IOException {
    // Version 2 withdraws the first statement; version 1 carries a later timestamp (the BOM was
    // generated again), but the specification has the most recent version used.
    ObjectNode revised = cisaCase2(2, "2022-03-01T00:00:00Z");
    ((ArrayNode) revised.get("vulnerabilities")).remove(0);
    Path older = write("old/vex-cisa-case2.cdx.json", cisaCase2(1, "2022-04-01T00:00:00Z"));
    Path newer = write("new/vex-cisa-case2.cdx.json", revised);

    for (List<Path> order : List.of(List.of(older, newer), List.of(newer, older))) {
      ExposureKnowledge k =
          KnowledgeLoader.load(
              order.stream().map(f -> LoadRequest.of(TODAY).withSboms(f.getParent())).toList(),
              List.of());

      assertThat(k.vex()).as(order.toString()).hasSize(18);
      assertThat(k.vex()).extracting(VexStatement::vulnerability).doesNotContain("CVE-2020-11896");
      assertThat(k.problems())
          .as(order.toString())
          .singleElement()
          .satisfies(
              p ->
                  assertThat(p.message())
                      .contains(
                          "version 2 of 2022-03-01T00:00:00Z",
                          "version 1 of 2022-04-01T00:00:00Z",
                          order.get(1) == newer ? "supersedes" : "is superseded by"));
    }
  }

  @Test
  void shouldLetANewerRevisionWithoutAnalysesWithdrawWhatTheOlderOneSaid() throws IOException {
    // Version 2 of the BOM no longer carries any VEX analysis: version 1's "not affected" must not
    // go on silencing the 19 vulnerabilities, whichever copy is read first (a reviewer found it
    // did: the copy without analyses was never compared).
    ObjectNode withdrawn = cisaCase2(2, "2022-04-01T00:00:00Z");
    withdrawn.remove("vulnerabilities");
    Path older = write("old/vex-cisa-case2.cdx.json", cisaCase2(1, "2022-03-01T00:00:00Z"));
    Path newer = write("new/vex-cisa-case2.cdx.json", withdrawn);

    assertThat(KnowledgeLoader.load(LoadRequest.of(TODAY).withFeeds(dir)).vex()).isEmpty();
    for (List<Path> order : List.of(List.of(older, newer), List.of(newer, older))) {
      ExposureKnowledge k =
          KnowledgeLoader.load(
              order.stream().map(f -> LoadRequest.of(TODAY).withSboms(f.getParent())).toList(),
              List.of());

      assertThat(k.vex()).as(order.toString()).isEmpty();
      assertThat(k.problems())
          .as(order.toString())
          .filteredOn(p -> p.message().contains(CASE2_SERIAL))
          .singleElement()
          .satisfies(
              p ->
                  assertThat(p.message())
                      .contains(
                          "version 2 of 2022-04-01T00:00:00Z",
                          "version 1 of 2022-03-01T00:00:00Z",
                          order.get(1) == newer ? "supersedes" : "is superseded by"));
    }
  }

  @Test
  void shouldAttachTheComponentsOfTheNewestCopyOfAnSbomOnlyAndNameBothFiles() throws IOException {
    // The real narrow case-study SBOM and its version 2, which drops a component, in two folders
    // read apart (as the server reads its feed directories and uploads), in either order.
    ObjectNode first = caseStudy();
    ObjectNode second = caseStudy();
    second.put("version", 2);
    ((ArrayNode) second.get("components")).remove(0);
    Path older = write("v1/narrow.cdx.json", first);
    Path newer = write("v2/narrow.cdx.json", second);

    for (List<Path> order : List.of(List.of(older, newer), List.of(newer, older))) {
      ExposureKnowledge k =
          KnowledgeLoader.load(
              order.stream().map(f -> LoadRequest.of(TODAY).withSboms(f.getParent())).toList(),
              List.of());

      // Before, both were attached: version 1's dropped component still matched.
      assertThat(k.sboms())
          .as(order.toString())
          .singleElement()
          .satisfies(b -> assertThat(b.source()).isEqualTo(newer.toString()))
          .satisfies(b -> assertThat(b.components()).hasSize(54));
      assertThat(k.problems())
          .as(order.toString())
          .singleElement()
          .satisfies(
              p -> {
                assertThat(p.file()).isEqualTo(order.get(1).toString());
                assertThat(p.message())
                    .contains(
                        "CycloneDX BOM " + NARROW_SERIAL,
                        order.get(0).toString(),
                        order.get(1) == newer ? "supersedes" : "is superseded by");
              });
    }
  }

  @Test
  void shouldLetANewerVexWhoseVulnerabilitiesCarryNoAnalysisWithdrawTheOlderStatements()
      throws IOException {
    // Version 2 keeps its vulnerabilities, or none, but no analysis: nothing is claimed any more.
    ObjectNode emptied = cisaCase2(2, "2022-04-01T00:00:00Z");
    emptied.putArray("vulnerabilities");
    ObjectNode unanalysed = cisaCase2(2, "2022-04-01T00:00:00Z");
    unanalysed.withArray("vulnerabilities").forEach(v -> ((ObjectNode) v).remove("analysis"));
    for (ObjectNode withdrawn : List.of(emptied, unanalysed)) {
      Path older = write("old/vex-cisa-case2.cdx.json", cisaCase2(1, "2022-03-01T00:00:00Z"));
      Path newer = write("new/vex-cisa-case2.cdx.json", withdrawn);

      for (List<Path> order : List.of(List.of(older, newer), List.of(newer, older))) {
        ExposureKnowledge k =
            KnowledgeLoader.load(
                order.stream().map(f -> LoadRequest.of(TODAY).withFeeds(f.getParent())).toList(),
                List.of());

        assertThat(k.vex()).as(order.toString()).isEmpty();
        assertThat(k.problems())
            .as(order.toString())
            .filteredOn(p -> p.message().contains(CASE2_SERIAL))
            .singleElement()
            .satisfies(
                p ->
                    assertThat(p.message())
                        .contains(order.get(1) == newer ? "supersedes" : "is superseded by"));
      }
    }
  }

  @Test
  void shouldWarnOfNoCopyOfAPlainSbomReadTwice() throws IOException {
    // Copies of an SBOM without VEX are compared too (one could withdraw a VEX), but silently.
    ObjectNode plain = cisaCase2(1, "2022-03-01T00:00:00Z");
    plain.remove("vulnerabilities");
    write("a/sbom.cdx.json", plain);
    write("b/sbom.cdx.json", plain);

    assertThat(KnowledgeLoader.load(LoadRequest.of(TODAY).withFeeds(dir)).problems())
        .extracting(FeedProblem::message)
        .noneMatch(m -> m.contains(CASE2_SERIAL));
  }

  @Test
  void shouldApplyEveryCopyOfACycloneDxVexWithoutSerialNumber() throws IOException {
    // Nothing tells two VEX without serial number apart from two documents: both apply, as before.
    Path real = TestData.path("sbom/cyclonedx-examples/vex-cisa-case2.json");
    Files.createDirectories(dir.resolve("a"));
    Files.createDirectories(dir.resolve("b"));
    Files.copy(real, dir.resolve("a/vex-cisa-case2.cdx.json"));
    Files.copy(real, dir.resolve("b/vex-cisa-case2.cdx.json"));

    ExposureKnowledge k = KnowledgeLoader.load(LoadRequest.of(TODAY).withFeeds(dir));

    assertThat(k.vex()).hasSize(38);
    assertThat(k.problems()).isEmpty();
  }

  /** The real ICSMA-20-254-01 (version 4, Update C). */
  private static ObjectNode real() throws IOException {
    return (ObjectNode)
        JSON.readTree(
            TestData.path("advisories/cisa-csaf/medical-icsma/icsma-20-254-01.json").toFile());
  }

  /** ICSMA-20-254-01 as it was before Update C: version 3, released 2021-11-08. */
  private static ObjectNode updateB() throws IOException {
    ObjectNode doc = real();
    tracking(doc).put("current_release_date", "2021-11-08T07:00:00.000000Z").put("version", "3");
    ArrayNode history = revisionHistory(doc);
    history.remove(history.size() - 1);
    ((ObjectNode) doc.get("document"))
        .put("title", "Philips Patient Monitoring Devices (Update B)");
    return doc;
  }

  private static ObjectNode tracking(ObjectNode csaf) {
    return (ObjectNode) csaf.get("document").get("tracking");
  }

  private static ArrayNode revisionHistory(ObjectNode csaf) {
    return (ArrayNode) tracking(csaf).get("revision_history");
  }

  /**
   * A CycloneDX vulnerability report (no VEX analysis): wolfSSL before {@code fixed} is affected by
   * CVE-2022-42905.
   */
  private static ObjectNode report(int version, String timestamp, String fixed) throws IOException {
    return (ObjectNode)
        JSON.readTree(
            """
            {"bomFormat": "CycloneDX", "specVersion": "1.5", "version": %d,
             "metadata": {"timestamp": "%s"},
             "components": [{"bom-ref": "c", "type": "library", "name": "wolfSSL",
               "purl": "pkg:github/wolfssl/wolfssl"}],
             "vulnerabilities": [{"id": "CVE-2022-42905", "affects": [{"ref": "c", "versions": [
               {"range": "vers:generic/<%s", "status": "affected"}]}]}]}
            """
                .formatted(version, timestamp, fixed));
  }

  private Path write(String name, ObjectNode document) throws IOException {
    return CycloneDxTestDocs.write(dir, name, document);
  }
}
