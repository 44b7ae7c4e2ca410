package io.ward.exposure.feeds.cyclonedx;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * A CycloneDX BOM-link, {@code urn:cdx:serialNumber/version#bom-ref}: a BOM, named by its serial
 * number and version, and optionally one object in it.
 *
 * @param serialNumber the BOM's serial number as BOMs write it ({@code urn:uuid:…}), in lower case
 * @param version the version of the BOM it names, when it says (which revision)
 * @param ref the {@code bom-ref} of the object in that BOM, URL-decoded; empty for the BOM itself
 */
record BomLink(String serialNumber, Optional<String> version, Optional<String> ref) {

  private static final String PREFIX = "urn:cdx:";

  /** The BOM-link {@code text} is; empty when it is not one (a plain {@code bom-ref}). */
  static Optional<BomLink> parse(String text) {
    if (text == null || !text.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
      return Optional.empty();
    }
    String rest = text.substring(PREFIX.length()).trim();
    int hash = rest.indexOf('#');
    String bom = hash < 0 ? rest : rest.substring(0, hash);
    int slash = bom.indexOf('/');
    // The version says which revision of the BOM: what the link names is looked up in that one
    // when it is at hand (PendingVex).
    String serial = (slash < 0 ? bom : bom.substring(0, slash)).trim();
    Optional<String> version =
        slash < 0
            ? Optional.empty()
            : Optional.of(bom.substring(slash + 1).trim()).filter(v -> !v.isEmpty());
    if (serial.isEmpty()) {
      return Optional.empty();
    }
    Optional<String> ref =
        hash < 0 ? Optional.empty() : Optional.of(decoded(rest.substring(hash + 1)));
    return Optional.of(
        new BomLink(serialNumber("urn:uuid:" + serial), version, ref.filter(r -> !r.isBlank())));
  }

  /** The URL-decoded fragment; as written when it is not valid URL encoding. */
  private static String decoded(String fragment) {
    try {
      return URLDecoder.decode(fragment, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return fragment;
    }
  }

  /** A BOM serial number in the form BOM-links are compared in. */
  static String serialNumber(String written) {
    return written.trim().toLowerCase(Locale.ROOT);
  }

  /**
   * The {@code bom-ref} an {@code affects[].ref} names inside its BOM: the part after {@code #} of
   * a BOM-link, else the ref itself.
   */
  static String localRef(String ref) {
    return parse(ref).flatMap(BomLink::ref).orElse(ref);
  }
}
