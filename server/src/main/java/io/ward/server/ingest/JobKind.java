package io.ward.server.ingest;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What an ingest job reads. */
public enum JobKind {
  /** A pcap or pcapng capture, optionally gzip-compressed. */
  CAPTURE("captures"),
  /** Advisory feeds: CSAF, NVD, CVE 5, KEV, EPSS, recalls (a file or the feed directory). */
  FEED("feeds"),
  /** A CycloneDX SBOM (or VEX) of a device model. */
  SBOM("sboms"),
  /** A manufacturer's MDS2 form (xlsx). */
  MDS2("mds2"),
  /** A CMDB/CMMS asset export (CSV; ServiceNow or Nuvolo columns). */
  CMDB("cmdb"),
  /**
   * A feed sync: configured feeds fetched and a directory's feed files imported into the feed
   * directory, which is then read like {@link #FEED}.
   */
  FEED_SYNC("feeds");

  private final String uploadDir;

  JobKind(String uploadDir) {
    this.uploadDir = uploadDir;
  }

  /** The folder under {@code <dataDir>/uploads} where uploads of this kind are kept. */
  public String uploadDir() {
    return uploadDir;
  }

  /** The kebab-case id, e.g. {@code feed-sync}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** The kind with this id. */
  public static Optional<JobKind> fromId(String id) {
    return Arrays.stream(values()).filter(k -> k.id().equals(id)).findFirst();
  }
}
