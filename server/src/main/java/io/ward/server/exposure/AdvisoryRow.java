package io.ward.server.exposure;

import java.time.Instant;
import java.util.Optional;

/**
 * One stored advisory.
 *
 * @param key {@code <source>|<advisory id>}
 * @param source the format it was read from, e.g. {@code CSAF}
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
    int products) {}
