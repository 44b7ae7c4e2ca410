package io.ward.server.ingest;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What an ingest job reads. */
public enum JobKind {
  /** A pcap or pcapng capture, optionally gzip-compressed. */
  CAPTURE,
  /** Advisory feeds: CSAF, NVD, CVE 5, KEV, EPSS, recalls (a file or the feed directory). */
  FEED;

  /** The kebab-case id. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The kind with this id. */
  public static Optional<JobKind> fromId(String id) {
    return Arrays.stream(values()).filter(k -> k.id().equals(id)).findFirst();
  }
}
