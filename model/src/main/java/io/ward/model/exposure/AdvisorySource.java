package io.ward.model.exposure;

/** The format an advisory was published in. */
public enum AdvisorySource {
  /** OASIS CSAF 2.0 document (security advisory or VEX profile). */
  CSAF,
  /** NVD CVE API 2.0 record. */
  NVD,
  /** CVE JSON 5 record (CNA plus ADP containers). */
  CVE5,
  /** CycloneDX VEX document. */
  CYCLONEDX_VEX,
  /** Any other vendor format mapped onto this model. */
  OTHER
}
