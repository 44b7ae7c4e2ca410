package io.ward.exposure.feeds.cyclonedx;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The product a CycloneDX BOM describes ({@code metadata.component}), as far as it tells one BOM
 * from another that carries the same {@code serialNumber}: its {@code group} and {@code name}.
 *
 * <p>Real files reuse serial numbers across products (CycloneDX bom-examples' CBOM and HBOM share
 * one), so a serial number alone does not make two files revisions of one BOM. The name is the one
 * field the specification requires of a component and the one a maker keeps from revision to
 * revision; {@code bom-ref} is a reference inside one document (often generated anew), {@code purl}
 * and {@code version} carry the product's version, which a revision may correct. Names compare
 * without regard to case or surrounding blanks.
 *
 * @param group {@code metadata.component.group}, empty when absent
 * @param name {@code metadata.component.name}
 */
public record BomSubject(String group, String name) {

  public BomSubject {
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(name, "name");
  }

  /** The subject of a {@code metadata.component} with these fields; empty without a name. */
  public static Optional<BomSubject> of(Optional<String> group, Optional<String> name) {
    return name.map(String::strip)
        .filter(n -> !n.isEmpty())
        .map(n -> new BomSubject(group.map(String::strip).orElse(""), n));
  }

  /** What two subjects of one product have in common: group and name, in lower case. */
  public String key() {
    return (group + "/" + name).toLowerCase(Locale.ROOT);
  }

  /** For messages: {@code uk.ac.cam.cl/pcie-sata-adaptor-board}, or the name alone. */
  public String text() {
    return group.isEmpty() ? name : group + "/" + name;
  }
}
