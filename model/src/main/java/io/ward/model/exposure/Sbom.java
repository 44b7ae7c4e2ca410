package io.ward.model.exposure;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A software bill of materials attached to a device model and version.
 *
 * @param subjectVendor the device maker (CycloneDX {@code metadata.component} supplier or given)
 * @param subjectModel the device model ({@code metadata.component.name} or given)
 * @param subjectVersion the device firmware / software version
 * @param serialNumber the BOM serial number ({@code urn:uuid:…}), for VEX BOM-links
 * @param subjectRef the {@code bom-ref} of its {@code metadata.component}: a VEX BOM-link naming it
 *     is about the product itself, not a component inside it
 * @param components every component, nested ones flattened
 * @param source the file it was read from
 * @param bomVersion the BOM's {@code version}, which revision of the BOM of its serial number it is
 *     (a VEX BOM-link {@code urn:cdx:serial/version#ref} names one)
 * @param timestamp the BOM's {@code metadata.timestamp}, which tells two copies of one version
 *     apart
 */
public record Sbom(
    Optional<String> subjectVendor,
    Optional<String> subjectModel,
    Optional<String> subjectVersion,
    Optional<String> serialNumber,
    Optional<String> subjectRef,
    List<SbomComponent> components,
    String source,
    Optional<String> bomVersion,
    Optional<Instant> timestamp) {

  public Sbom {
    Objects.requireNonNull(subjectVendor, "subjectVendor");
    Objects.requireNonNull(subjectModel, "subjectModel");
    Objects.requireNonNull(subjectVersion, "subjectVersion");
    Objects.requireNonNull(serialNumber, "serialNumber");
    Objects.requireNonNull(subjectRef, "subjectRef");
    components = List.copyOf(components);
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(bomVersion, "bomVersion");
    Objects.requireNonNull(timestamp, "timestamp");
  }

  /** An SBOM of no known revision. */
  public Sbom(
      Optional<String> subjectVendor,
      Optional<String> subjectModel,
      Optional<String> subjectVersion,
      Optional<String> serialNumber,
      Optional<String> subjectRef,
      List<SbomComponent> components,
      String source) {
    this(
        subjectVendor,
        subjectModel,
        subjectVersion,
        serialNumber,
        subjectRef,
        components,
        source,
        Optional.empty(),
        Optional.empty());
  }

  /** An SBOM whose {@code metadata.component} has no {@code bom-ref} (or is not known). */
  public Sbom(
      Optional<String> subjectVendor,
      Optional<String> subjectModel,
      Optional<String> subjectVersion,
      Optional<String> serialNumber,
      List<SbomComponent> components,
      String source) {
    this(
        subjectVendor,
        subjectModel,
        subjectVersion,
        serialNumber,
        Optional.empty(),
        components,
        source);
  }
}
