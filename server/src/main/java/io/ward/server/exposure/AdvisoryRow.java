package io.ward.server.exposure;

import io.ward.model.exposure.AdvisorySource;
import java.time.Instant;
import java.util.Optional;

/**
 * One stored advisory.
 *
 * @param key {@code <source>|<advisory id>}
 * @param source the format it was read from, as its id: {@code csaf}, {@code nvd}, {@code cve5},
 *     {@code cyclonedx-vex} or {@code other}
 */
public record AdvisoryRow(
    long id,
    String key,
    String source,
    String title,
    Optional<String> publisher,
    Optional<Instant> published,
    Optional<Instant> updated,
    Optional<String> url,
    int vulnerabilities,
    int products) {

  /** The format's name as people write it ({@code CycloneDX VEX}), for the console. */
  public String sourceName() {
    return StoredAdvisorySource.parse(source).map(AdvisorySource::formatName).orElse(source);
  }
}
