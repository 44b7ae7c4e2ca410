package io.ward.model.exposure;

import java.util.Locale;

/** What a finding is about. */
public enum FindingKind {
  /** A published vulnerability (CVE or advisory id) matched to the device. */
  VULNERABILITY,
  /** An FDA device recall matched to the device model. */
  RECALL,
  /** The device runs an operating system or platform past its end of life or support. */
  END_OF_LIFE,
  /** The device firmware is behind the latest version known for its model. */
  OUTDATED_FIRMWARE;

  /** The kebab-case id, e.g. {@code end-of-life}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
