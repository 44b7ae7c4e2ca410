package io.ward.exposure.cpe;

import com.github.packageurl.MalformedPackageURLException;
import com.github.packageurl.PackageURL;
import java.util.Locale;
import java.util.Optional;

/** Package URLs (packageurl-java) as SBOM components and advisories write them. */
public final class Purls {

  private Purls() {}

  /** Reads a package URL; empty when it is not one. */
  public static Optional<PackageURL> parse(String text) {
    if (text == null || text.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(new PackageURL(text.strip()));
    } catch (MalformedPackageURLException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /**
   * The identity of the package without version, qualifiers or subpath: {@code type/namespace/name}
   * (namespace and name lower-cased, as most purl types are case-insensitive).
   */
  public static String key(PackageURL p) {
    String ns = p.getNamespace() == null ? "" : p.getNamespace().toLowerCase(Locale.ROOT);
    return p.getType() + "/" + ns + "/" + p.getName().toLowerCase(Locale.ROOT);
  }

  /**
   * True when both name the same package (same key) and, if the pattern has a version, the same
   * one.
   */
  public static boolean matches(PackageURL pattern, PackageURL target) {
    if (!key(pattern).equals(key(target))) {
      return false;
    }
    return pattern.getVersion() == null || pattern.getVersion().equals(target.getVersion());
  }
}
