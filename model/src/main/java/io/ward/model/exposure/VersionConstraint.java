package io.ward.model.exposure;

import java.util.Objects;
import java.util.Optional;

/**
 * Which versions of a product an advisory entry covers. Advisories state this in four ways, so the
 * matcher sees them apart: an exact version, a {@code vers} range, a free-text range as vendors
 * wrote it, or nothing.
 */
public sealed interface VersionConstraint {

  /** The entry names one version (CSAF {@code product_version}). */
  record Exact(String version) implements VersionConstraint {
    public Exact {
      Checks.text(version, "version");
    }
  }

  /**
   * A range in the package-url {@code vers} syntax, e.g. {@code vers:generic/>=1.0|<2.1} or {@code
   * vers:all/*} (CSAF 2.0 §3.1.2.3.1 recommends it for {@code product_version_range}). NVD and CVE
   * 5 ranges are converted to this form.
   */
  record Vers(String vers) implements VersionConstraint {
    public Vers {
      Checks.text(vers, "vers");
      if (!vers.startsWith("vers:") || vers.indexOf('/') < 0) {
        throw new IllegalArgumentException("not a vers range: " + vers);
      }
    }

    /** The versioning scheme, e.g. {@code generic}, {@code semver}, {@code all}. */
    public String scheme() {
      return vers.substring("vers:".length(), vers.indexOf('/'));
    }

    /** The constraints after the scheme, e.g. {@code >=1.0|<2.1} or {@code *}. */
    public String constraints() {
      return vers.substring(vers.indexOf('/') + 1);
    }
  }

  /**
   * A range written as free text, as the vendor published it (e.g. {@code <=4.2}, {@code versions
   * prior to 3.1}, {@code all versions}), kept verbatim for the "why", with Ward's reading of it as
   * a {@code vers} range when the text could be read unambiguously.
   *
   * @param text the published text
   * @param interpreted the text read as a {@code vers} range, empty when it could not be read
   */
  record Legacy(String text, Optional<Vers> interpreted) implements VersionConstraint {
    public Legacy {
      Objects.requireNonNull(text, "text");
      Objects.requireNonNull(interpreted, "interpreted");
    }
  }

  /** The advisory says nothing about versions for this entry. */
  record Unknown() implements VersionConstraint {}
}
