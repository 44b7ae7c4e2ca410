package io.ward.model.exposure;

import java.util.Objects;
import java.util.Optional;

/**
 * The SBOM, and so the one product, a CycloneDX VEX statement places its component in: the
 * statement is about the component inside that product, not wherever the component is found. A
 * device is that product when the SBOM describes it, as SBOMs are attached to devices (vendor,
 * model, version).
 */
public sealed interface VexSbom {

  /**
   * The statement is written in the SBOM of a product (VEX embedded in, or listing the components
   * of, the BOM whose {@code metadata.component} is the product): that SBOM's subject.
   *
   * @param vendor the product's maker, when the SBOM names one
   * @param model the product, as the SBOM names it
   * @param version the product's version, when the SBOM names one
   */
  record Enclosing(Optional<String> vendor, String model, Optional<String> version)
      implements VexSbom {
    public Enclosing {
      Objects.requireNonNull(vendor, "vendor");
      Checks.text(model, "model");
      Objects.requireNonNull(version, "version");
    }
  }

  /**
   * A BOM-link names the SBOM ({@code urn:cdx:serial/version#bom-ref} as the statement's {@code
   * affects[].ref}, or {@code urn:cdx:serial/version} as the {@code bom} external reference of the
   * document's {@code metadata.component}); which product it is, only that SBOM says.
   *
   * @param serialNumber the SBOM's serial number as SBOMs write it, {@code urn:uuid:…} in lower
   *     case
   */
  record Linked(String serialNumber) implements VexSbom {
    public Linked {
      Checks.text(serialNumber, "serialNumber");
    }
  }
}
