package io.ward.exposure.feeds.cyclonedx;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ward.exposure.feeds.FeedResult;
import io.ward.exposure.feeds.Json;
import io.ward.exposure.feeds.TestData;
import io.ward.model.exposure.Sbom;
import io.ward.model.exposure.SbomComponent;
import io.ward.model.exposure.VersionConstraint;
import io.ward.model.exposure.VexDevice;
import io.ward.model.exposure.VexSbom;
import io.ward.model.exposure.VexStatement;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which SBOM, and so which product, a CycloneDX VEX statement places its component in ({@link
 * DocumentSbom}); both readers (the library's and the field-by-field one) agree.
 */
class CycloneDxVexSbomTest {

  private static final Path SBOM = TestData.path("sbom");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String OTHER = "3E671687-395B-41F5-A30F-A58921A69B79";

  @TempDir Path dir;

  @Test
  void shouldPlaceAVexEmbeddedInAnSbomInTheProductItDescribes() throws IOException {
    ObjectNode sbom =
        (ObjectNode)
            JSON.readTree(SBOM.resolve("medical-device-casestudy/narrow.sbom.json").toFile());
    String wolfssl = "BomRef.6730320963532548.7863229239413411";
    sbom.set("vulnerabilities", JSON.readTree(notAffected(wolfssl)));
    SbomSubject hub =
        new SbomSubject(
            Optional.of("Acme Medical"), Optional.of("Infusion Hub"), Optional.of("2.0"));

    List<VexStatement> fromBom =
        read("narrow-vex.cdx.json", sbom.toString(), SbomSubject.fromBom());
    List<VexStatement> given = read("narrow-vex.cdx.json", sbom.toString(), hub);

    // The real SBOM's redacted subject: author for supplier, no version.
    assertThat(fromBom)
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.product().orElseThrow().name()).isEqualTo("WolfSSL");
              assertThat(s.sbom())
                  .contains(
                      new VexSbom.Enclosing(Optional.of("REDACTED"), "REDACTED", Optional.empty()));
            });
    // The device the caller names, as the SBOM itself is attached by it.
    assertThat(given.get(0).sbom())
        .contains(
            new VexSbom.Enclosing(Optional.of("Acme Medical"), "Infusion Hub", Optional.of("2.0")));
  }

  @Test
  void shouldTakeTheSbomABomLinkNamesFirst() throws IOException {
    String doc =
        document(
            "\"metadata\": {\"component\": {\"type\": \"device\", \"name\": \"Infusion Hub\","
                + " \"bom-ref\": \"hub\"}},",
            notAffected("urn:cdx:" + OTHER + "/2#openssl"));

    assertThat(read("vex.cdx.json", doc, SbomSubject.fromBom()))
        .singleElement()
        .satisfies(
            s -> {
              // The component is still the one the document lists under that bom-ref.
              assertThat(s.product().orElseThrow().name()).isEqualTo("openssl");
              assertThat(s.sbom()).contains(new VexSbom.Linked("urn:uuid:" + OTHER.toLowerCase()));
            });
  }

  @Test
  void shouldReadALinkToTheDocumentItselfAsAPlainRef() throws IOException {
    String doc =
        document(
            "\"serialNumber\": \"urn:uuid:"
                + OTHER
                + "\", \"metadata\": {\"component\":"
                + " {\"type\": \"device\", \"name\": \"Infusion Hub\"}},",
            notAffected("urn:cdx:" + OTHER.toLowerCase() + "/1#openssl"));

    assertThat(read("vex.cdx.json", doc, SbomSubject.fromBom()).get(0).sbom())
        .contains(new VexSbom.Enclosing(Optional.empty(), "Infusion Hub", Optional.empty()));
  }

  @Test
  void shouldTakeTheSbomTheDocumentsProductLinksTo() throws IOException {
    String doc =
        document(
            "\"metadata\": {\"component\": {\"type\": \"device\", \"name\": \"Hub software\","
                + " \"externalReferences\": [{\"type\": \"website\", \"url\": \"https://acme.example\"},"
                + " {\"type\": \"bom\", \"url\": \"urn:cdx:"
                + OTHER
                + "/1\"}]}},",
            notAffected("openssl"));

    assertThat(read("vex.cdx.json", doc, SbomSubject.fromBom()).get(0).sbom())
        .contains(new VexSbom.Linked("urn:uuid:" + OTHER.toLowerCase()));
  }

  @Test
  void shouldPlaceNothingWhenTheDocumentNamesNoProduct() throws IOException {
    assertThat(read("vex.cdx.json", document("", notAffected("openssl")), SbomSubject.fromBom()))
        .singleElement()
        .satisfies(s -> assertThat(s.sbom()).isEmpty());
  }

  @Test
  void shouldPlaceNothingWhenTheStatementIsAboutTheProductItself() throws IOException {
    // CISA use case 1: product ABC 4.2 (the metadata.component) is not affected.
    Path file = SBOM.resolve("cyclonedx-examples/vex-cisa-case1-not_affected.json");

    assertThat(read("case1.json", Files.readString(file), SbomSubject.fromBom()))
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.product().orElseThrow().name()).isEqualTo("ABC");
              assertThat(s.sbom()).isEmpty();
            });
  }

  @Test
  void shouldLeaveAStatementOnAComponentTheDocumentDoesNotListToTheSbomItLinksTo()
      throws IOException {
    // A standalone VEX: no components of its own, the component named in its SBOM by BOM-link.
    String doc =
        """
        {"bomFormat": "CycloneDX", "specVersion": "1.5", "version": 1,
         "vulnerabilities": %s}
        """
            .formatted(notAffected("urn:cdx:" + OTHER + "/2#openssl"));
    Path file = Files.writeString(dir.resolve("vex.cdx.json"), doc);
    FeedResult<CycloneDxContent> strict = new CycloneDxReader().read(file);
    CycloneDxContent lenient =
        LenientCycloneDxJson.read(Json.read(file), SbomSubject.fromBom(), file.toString());
    assertThat(strict.problems()).isEmpty();
    CycloneDxContent content = strict.items().get(0);
    assertThat(content.vex()).isEmpty();
    assertThat(content.pending()).hasSize(1).isEqualTo(lenient.pending());

    SbomComponent openssl =
        new SbomComponent(
            Optional.of("openssl"),
            Optional.of("library"),
            Optional.empty(),
            "openssl",
            Optional.of("1.0.2k"),
            Optional.of("pkg:generic/openssl@1.0.2k"),
            Optional.empty(),
            Optional.empty());
    Sbom hub =
        new Sbom(
            Optional.of("Acme Medical"),
            Optional.of("Infusion Hub"),
            Optional.of("2.0"),
            Optional.of("urn:uuid:" + OTHER),
            List.of(openssl),
            "hub.cdx.json");
    FeedResult<VexStatement> resolved = content.pending().get(0).resolve(List.of(hub));

    assertThat(resolved.problems()).isEmpty();
    assertThat(resolved.items())
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.product()).contains(openssl);
              assertThat(s.versions()).isEqualTo(new VersionConstraint.Exact("1.0.2k"));
              assertThat(s.sbom()).contains(new VexSbom.Linked("urn:uuid:" + OTHER.toLowerCase()));
              assertThat(s.productRef()).isEqualTo("urn:cdx:" + OTHER + "/2#openssl");
            });
    // Without the SBOM: the statement has no component, and a warning names the file and why.
    FeedResult<VexStatement> alone = content.pending().get(0).resolve(List.of());
    assertThat(alone.items()).singleElement().satisfies(s -> assertThat(s.product()).isEmpty());
    assertThat(alone.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.file()).isEqualTo(file.toString());
              assertThat(p.location()).contains("/vulnerabilities/0/affects/0");
              assertThat(p.message())
                  .contains("CVE-2099-1111", "urn:uuid:" + OTHER.toLowerCase(), "no device");
            });
  }

  @Test
  void shouldReadAStatementAboutTheDocumentsProductAsAboutThatProductAsAWhole() throws IOException {
    // CISA use case 1: product ABC 4.2 (the metadata.component) is not affected.
    Path file = SBOM.resolve("cyclonedx-examples/vex-cisa-case1-not_affected.json");

    assertThat(read("case1.json", Files.readString(file), SbomSubject.fromBom()))
        .singleElement()
        .satisfies(
            s ->
                assertThat(s.device())
                    .contains(
                        new VexDevice.Described(
                            new VexSbom.Enclosing(Optional.empty(), "ABC", Optional.of("4.2")),
                            Optional.empty())));
  }

  @Test
  void shouldReadABomLinkIntoAnotherBomAsAboutItsProductWhenItNamesIt() throws IOException {
    String doc =
        document(
            "\"metadata\": {\"component\": {\"type\": \"device\", \"name\": \"Infusion Hub\","
                + " \"bom-ref\": \"hub\"}},",
            notAffected("urn:cdx:" + OTHER + "/2#BomRef.1%2F2"));

    // Only that BOM tells whether the ref is its metadata.component or a component inside it:
    // the statement waits for the SBOMs of the load.
    CycloneDxContent content = content("vex.cdx.json", doc, SbomSubject.fromBom());
    assertThat(content.vex()).isEmpty();
    Sbom other =
        new Sbom(
            Optional.of("Acme Medical"),
            Optional.of("Infusion Hub"),
            Optional.of("2.0"),
            Optional.of("urn:uuid:" + OTHER),
            Optional.of("BomRef.1/2"),
            List.of(),
            "other.cdx.json");
    FeedResult<VexStatement> resolved = content.pending().get(0).resolve(List.of(other));
    assertThat(resolved.problems()).isEmpty();
    assertThat(resolved.items())
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.product()).isEmpty();
              assertThat(s.device())
                  .contains(
                      new VexDevice.Described(
                          new VexSbom.Linked("urn:uuid:" + OTHER.toLowerCase()),
                          Optional.of("BomRef.1/2")));
            });
    // A component of the document itself is no product as a whole.
    assertThat(
            read("vex.cdx.json", document("", notAffected("openssl")), SbomSubject.fromBom())
                .get(0)
                .device())
        .isEmpty();
  }

  @Test
  void shouldKeepTheBomRefOfTheProductAnSbomDescribes() throws IOException {
    Path file = SBOM.resolve("medical-device-casestudy/narrow.sbom.json");

    Sbom strict = new CycloneDxReader().read(file).items().get(0).sbom().orElseThrow();
    Sbom lenient =
        LenientCycloneDxJson.read(Json.read(file), SbomSubject.fromBom(), file.toString())
            .sbom()
            .orElseThrow();

    assertThat(strict.subjectRef()).contains("BomRef.8538684141258271.6150057962229712");
    assertThat(lenient.subjectRef()).isEqualTo(strict.subjectRef());
  }

  /** The statements of {@code json}, checking both readers agree. */
  private List<VexStatement> read(String name, String json, SbomSubject subject)
      throws IOException {
    return content(name, json, subject).vex();
  }

  /** What {@code json} holds, checking both readers agree. */
  private CycloneDxContent content(String name, String json, SbomSubject subject)
      throws IOException {
    Path file = Files.writeString(dir.resolve(name), json);
    FeedResult<CycloneDxContent> strict = new CycloneDxReader().read(file, subject);
    assertThat(strict.problems()).isEmpty();
    CycloneDxContent lenient = LenientCycloneDxJson.read(Json.read(file), subject, file.toString());
    assertThat(lenient.vex()).isEqualTo(strict.items().get(0).vex());
    assertThat(lenient.pending()).isEqualTo(strict.items().get(0).pending());
    return strict.items().get(0);
  }

  /** A document with {@code head} (top-level members and a comma), openssl, and the analyses. */
  private static String document(String head, String vulnerabilities) {
    return """
        {"bomFormat": "CycloneDX", "specVersion": "1.5", "version": 1, %s
         "components": [{"type": "library", "bom-ref": "openssl", "name": "openssl",
           "version": "1.0.2k", "purl": "pkg:generic/openssl@1.0.2k"}],
         "vulnerabilities": %s}
        """
        .formatted(head, vulnerabilities);
  }

  /** {@code vulnerabilities[]}: one CVE not affected in the component {@code ref} names. */
  private static String notAffected(String ref) {
    return """
        [{"id": "CVE-2099-1111",
          "analysis": {"state": "not_affected", "justification": "code_not_present"},
          "affects": [{"ref": "%s"}]}]
        """
        .formatted(ref);
  }
}
