package io.ward.model.exposure;

import java.util.Objects;
import java.util.Optional;

/**
 * The product a VEX statement is about as a whole, when that product may be a device: "Philips Vue
 * PACS 12.2.1 is not affected by CVE-2021-44228" is about every finding of that vulnerability on
 * such a device, those on the device itself and those on the components its SBOMs list alike. A
 * device is that product only when Ward is as sure of it as of the device being an advisory's
 * product (maker and model, a firmware version the statement covers); anything less keeps the
 * findings.
 */
public sealed interface VexDevice {

  /**
   * A CSAF product that is not a relationship. It may as well be a component ("log4j-core 2.14"):
   * the statement keeps its component reading too.
   *
   * @param product the product as the CSAF product tree defines it (maker, model, versions,
   *     identification helper)
   */
  record Product(AffectedProduct product) implements VexDevice {
    public Product {
      Objects.requireNonNull(product, "product");
    }
  }

  /**
   * The product a CycloneDX SBOM describes, its {@code metadata.component}: a statement whose
   * {@code affects[].ref} is the document's own {@code metadata.component} (the product is the
   * document's subject, or the subject of the SBOM its {@code bom} external reference names), or a
   * BOM-link into another SBOM. A device is that product when the SBOM describes it and the SBOM's
   * maker, model and version make Ward sure of it.
   *
   * @param sbom the SBOM whose product the statement is about
   * @param bomRef for a BOM-link into another SBOM, the {@code bom-ref} it names: the statement is
   *     about that SBOM's product only when this is the {@code bom-ref} of its {@code
   *     metadata.component} (any other names a component inside it); empty when the statement
   *     surely names the product
   */
  record Described(VexSbom sbom, Optional<String> bomRef) implements VexDevice {
    public Described {
      Objects.requireNonNull(sbom, "sbom");
      Objects.requireNonNull(bomRef, "bomRef");
    }
  }
}
