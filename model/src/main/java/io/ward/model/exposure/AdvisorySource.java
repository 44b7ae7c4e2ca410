package io.ward.model.exposure;

import java.util.Locale;

/** The format an advisory was published in. */
public enum AdvisorySource {
  /** OASIS CSAF 2.0 document (security advisory or VEX profile). */
  CSAF("CSAF"),
  /** NVD CVE API 2.0 record. */
  NVD("NVD"),
  /** CVE JSON 5 record (CNA plus ADP containers). */
  CVE5("CVE 5"),
  /** CycloneDX VEX document. */
  CYCLONEDX_VEX("CycloneDX VEX"),
  /** Any other vendor format mapped onto this model. */
  OTHER("other");

  private final String formatName;

  AdvisorySource(String formatName) {
    this.formatName = formatName;
  }

  /** The kebab-case id, e.g. {@code cyclonedx-vex}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** The format's name as people write it, e.g. {@code CycloneDX VEX}. */
  public String formatName() {
    return formatName;
  }
}
