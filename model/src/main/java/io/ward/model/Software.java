package io.ward.model;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One piece of software seen running on a device (a DICOM toolkit, a PACS server, an integration
 * engine, the product an HL7 SFT segment names), apart from the device's own hardware vendor and
 * model: a Dell server running Orthanc keeps vendor Dell and lists Orthanc here, as hospital
 * inventories (Claroty, Armis) show hardware and the software on it separately.
 *
 * @param vendor the software's maker, empty when the evidence does not name it
 * @param product the software product, e.g. {@code DCMTK}
 * @param version its release, from the best evidence that names one
 * @param source the observation field or knowledge source of that evidence, e.g. {@code
 *     dicom.implementationVersionName}
 * @param observed the raw value seen on the wire
 * @param fingerprint the knowledge-base entry that recognised it, empty when taken as is
 * @param confidence from 0 (a guess) to 1 (certain)
 */
public record Software(
    Optional<String> vendor,
    String product,
    Optional<String> version,
    String source,
    String observed,
    Optional<String> fingerprint,
    double confidence) {

  public Software {
    Objects.requireNonNull(vendor, "vendor");
    Objects.requireNonNull(product, "product");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(observed, "observed");
    Objects.requireNonNull(fingerprint, "fingerprint");
    if (product.isBlank()) {
      throw new IllegalArgumentException("software product must not be blank");
    }
    if (!(confidence >= 0 && confidence <= 1)) {
      throw new IllegalArgumentException("confidence must lie in [0,1]: " + confidence);
    }
  }

  /**
   * What makes two items the same software, whatever their version: vendor and product, ignoring
   * case.
   */
  public String key() {
    return (vendor.orElse("") + "\u0000" + product).toLowerCase(Locale.ROOT);
  }

  /** Vendor, product and version as people write them: {@code OFFIS DCMTK 3.6.7}. */
  public String label() {
    StringBuilder sb = new StringBuilder();
    vendor.ifPresent(v -> sb.append(v).append(' '));
    sb.append(product);
    version.ifPresent(v -> sb.append(' ').append(v));
    return sb.toString();
  }
}
