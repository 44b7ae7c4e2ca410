package io.ward.exposure.feeds;

import static io.ward.exposure.feeds.CycloneDxTestDocs.CASE2_SERIAL;
import static io.ward.exposure.feeds.CycloneDxTestDocs.JSON;
import static io.ward.exposure.feeds.CycloneDxTestDocs.cisaCase2;
import static io.ward.exposure.feeds.CycloneDxTestDocs.real;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ward.model.exposure.Sbom;
import io.ward.model.exposure.VexStatement;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two CycloneDX documents are revisions of one BOM only when they share the serial number AND
 * describe the same product ({@code metadata.component} group and name). CycloneDX bom-examples'
 * CBOM ("my application") and HBOM (uk.ac.cam.cl/pcie-sata-adaptor-board) reuse one serial number,
 * both version 1: both are kept, with a warning naming both files. A newer revision emptied of its
 * analyses still withdraws the older copy's statements: those of its own product when it names one,
 * those of every product of its serial number when it names none.
 */
class KnowledgeLoaderSerialReuseTest {

  private static final LocalDate TODAY = LocalDate.of(2025, 1, 1);
  private static final String SHARED = "urn:uuid:e8c355aa-2142-4084-a8c7-6d42c8610ba2";

  @TempDir Path dir;

  @Test
  void shouldKeepBothProductsOfTheRealCbomAndHbomThatReuseOneSerialNumber() throws IOException {
    Path cbom = copy("sbom/cyclonedx-examples/cbom-protocol-tls.json", "a/cbom.json");
    Path hbom = copy("sbom/cyclonedx-examples/hbom-pcie-sata-adapter.json", "b/hbom.json");

    for (List<Path> order : List.of(List.of(cbom, hbom), List.of(hbom, cbom))) {
      ExposureKnowledge k =
          KnowledgeLoader.load(
              order.stream().map(f -> LoadRequest.of(TODAY).withSboms(f.getParent())).toList(),
              List.of());

      // Before, only the CBOM (the later timestamp) attached its components; the HBOM's six
      // hardware components were dropped.
      assertThat(k.sboms())
          .as(order.toString())
          .extracting(Sbom::source)
          .containsExactlyInAnyOrder(cbom.toString(), hbom.toString());
      assertThat(k.sboms())
          .filteredOn(b -> b.source().equals(hbom.toString()))
          .singleElement()
          .satisfies(b -> assertThat(b.subjectModel()).contains("pcie-sata-adaptor-board"));
      assertThat(k.problems())
          .as(order.toString())
          .filteredOn(p -> p.message().contains(SHARED))
          .singleElement()
          .satisfies(
              p -> {
                assertThat(p.severity()).isEqualTo(FeedProblem.Severity.WARNING);
                assertThat(p.file()).isEqualTo(order.get(1).toString());
                assertThat(p.message())
                    .contains(
                        SHARED,
                        order.get(0).toString(),
                        "'my application'",
                        "'uk.ac.cam.cl/pcie-sata-adaptor-board'",
                        "serial number is reused",
                        "both are used");
              });
    }
  }

  @Test
  void shouldLetARevisionOfOneProductSupersedeItsOwnOlderCopyOnly() throws IOException {
    // The HBOM's version 2 drops a component; the CBOM of the same serial number is untouched.
    ObjectNode hbom2 = real("sbom/cyclonedx-examples/hbom-pcie-sata-adapter.json");
    hbom2.put("version", 2);
    int before = hbom2.withArray("components").size();
    ((ArrayNode) hbom2.get("components")).remove(0);
    Path cbom = copy("sbom/cyclonedx-examples/cbom-protocol-tls.json", "a/cbom.json");
    Path hbom1 = copy("sbom/cyclonedx-examples/hbom-pcie-sata-adapter.json", "b/hbom.json");
    Path newer = write("c/hbom-v2.json", hbom2);

    ExposureKnowledge k = KnowledgeLoader.load(LoadRequest.of(TODAY).withSboms(dir));

    assertThat(k.sboms())
        .extracting(Sbom::source)
        .containsExactlyInAnyOrder(cbom.toString(), newer.toString());
    assertThat(k.sboms())
        .filteredOn(b -> b.source().equals(newer.toString()))
        .singleElement()
        .satisfies(b -> assertThat(b.components()).hasSizeLessThan(countOf(hbom1)));
    assertThat(before).isGreaterThan(hbom2.withArray("components").size());
    assertThat(k.problems())
        .extracting(FeedProblem::message)
        .anySatisfy(m -> assertThat(m).contains("supersedes", hbom1.toString(), "version 1"))
        .noneSatisfy(m -> assertThat(m).contains("supersedes", cbom.toString()));
  }

  @Test
  void shouldLetAnEmptiedRevisionNamingItsProductWithdrawThatProductsStatementsOnly()
      throws IOException {
    // CISA's case 2 (product ABC) and case 1 (product DEF) under one serial number; ABC's version
    // 2 carries no analysis any more, and still names ABC.
    write("abc-v1.json", cisaCase2(1, "2022-03-01T00:00:00Z"));
    write("def-v1.json", case1Def());
    ObjectNode emptied = cisaCase2(2, "2022-04-01T00:00:00Z");
    emptied.remove("vulnerabilities");
    Path newer = write("zz-abc-v2.json", emptied);

    ExposureKnowledge k = KnowledgeLoader.load(LoadRequest.of(TODAY).withFeeds(dir));

    // Before, the serial number alone decided: DEF's statement went with ABC's 19.
    assertThat(k.vex()).extracting(VexStatement::productRef).containsExactly("product-DEF");
    // What went, for whoever imported the emptied revision (the server's job message).
    assertThat(k.superseded())
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.file()).endsWith("abc-v1.json");
              assertThat(s.by()).isEqualTo(newer.toString());
              assertThat(s.revision()).isEqualTo("version 1 of 2022-03-01T00:00:00Z");
              assertThat(s.statements()).isEqualTo(19);
              assertThat(s.components()).isZero();
            });
    assertThat(k.problems())
        .filteredOn(p -> p.file().equals(newer.toString()))
        .extracting(FeedProblem::message)
        .anySatisfy(m -> assertThat(m).contains("supersedes", "abc-v1.json"))
        .noneSatisfy(m -> assertThat(m).contains("supersedes", "def-v1.json"));
  }

  @Test
  void shouldLetAnEmptiedRevisionNamingNoProductWithdrawEveryProductOfItsSerialNumber()
      throws IOException {
    // A generator that writes a bare revision (no metadata.component) to retract what it said:
    // nothing tells which product it is about, and a retracted "not affected" must not go on
    // silencing, so it withdraws the statements of both, whichever file is read first.
    ObjectNode bare = JSON.createObjectNode();
    bare.put("bomFormat", "CycloneDX").put("specVersion", "1.5");
    bare.put("serialNumber", CASE2_SERIAL).put("version", 2);
    for (String name : List.of("0-bare.json", "zz-bare.json")) {
      Path abc = write("abc-v1.json", cisaCase2(1, "2022-03-01T00:00:00Z"));
      Path def = write("def-v1.json", case1Def());
      Path newer = write(name, bare);

      ExposureKnowledge k = KnowledgeLoader.load(LoadRequest.of(TODAY).withFeeds(dir));

      assertThat(k.vex()).as(name).isEmpty();
      assertThat(k.bomSerials()).contains(CASE2_SERIAL);
      assertThat(k.problems())
          .as(name)
          .filteredOn(p -> p.message().contains(CASE2_SERIAL))
          .extracting(p -> p.file() + " " + p.message())
          .anySatisfy(m -> assertThat(m).contains(abc.toString(), newer.toString()))
          .anySatisfy(m -> assertThat(m).contains(def.toString(), newer.toString()));
      Files.delete(newer);
    }
  }

  @Test
  void shouldNotLetAnEmptiedDocumentOfAnotherProductWithdrawAnything() throws IOException {
    // Same serial number, newer version, but it names another product: not a revision of ABC's.
    ObjectNode other = cisaCase2(2, "2022-04-01T00:00:00Z");
    other.remove("vulnerabilities");
    ((ObjectNode) other.get("metadata").get("component"))
        .put("name", "XYZ")
        .put("bom-ref", "product-XYZ");
    write("abc-v1.json", cisaCase2(1, "2022-03-01T00:00:00Z"));
    Path xyz = write("xyz-v2.json", other);

    ExposureKnowledge k = KnowledgeLoader.load(LoadRequest.of(TODAY).withFeeds(dir));

    assertThat(k.vex()).hasSize(19);
    assertThat(k.problems())
        .filteredOn(p -> p.message().contains(CASE2_SERIAL))
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.file()).isEqualTo(xyz.toString());
              assertThat(p.message()).contains("serial number is reused", "'XYZ'", "'ABC'");
            });
  }

  /** CISA's VEX use case 1 (product DEF affected), under case 2's serial number. */
  private static ObjectNode case1Def() throws IOException {
    ObjectNode doc = real("sbom/cyclonedx-examples/vex-cisa-case1-affected.json");
    doc.put("serialNumber", CASE2_SERIAL).put("version", 1);
    return doc;
  }

  private static int countOf(Path file) {
    return KnowledgeLoader.load(LoadRequest.of(TODAY).withSboms(file.getParent()))
        .sboms()
        .get(0)
        .components()
        .size();
  }

  private Path copy(String relative, String name) throws IOException {
    Path file = dir.resolve(name);
    Files.createDirectories(file.getParent());
    Files.copy(TestData.path(relative), file);
    return file;
  }

  private Path write(String name, ObjectNode document) throws IOException {
    return CycloneDxTestDocs.write(dir, name, document);
  }
}
