package io.ward.exposure.feeds;

/** The kinds of knowledge file Ward reads, recognised by content. */
public enum FeedKind {
  /** CSAF 2.0 advisory or VEX document (JSON). */
  CSAF,
  /** NVD CVE API 2.0 response or feed (JSON). */
  NVD,
  /** CVE JSON 5 record. */
  CVE5,
  /** CISA Known Exploited Vulnerabilities catalog (JSON). */
  KEV,
  /** FIRST EPSS scores (CSV, optionally gzip). */
  EPSS,
  /** openFDA device recall or enforcement response (JSON). */
  OPENFDA,
  /** CycloneDX SBOM or VEX (JSON or XML). */
  CYCLONEDX,
  /** MDS2 workbook (.xlsx / .xls). */
  MDS2,
  /** Not a known kind. */
  UNKNOWN
}
