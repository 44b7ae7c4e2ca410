package io.ward.exposure.risk;

import io.ward.model.Device;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Whether a device was seen using the service a flaw is reached through. Only a device Ward has
 * watched long enough, and seen serving something, can show a service unused: a device known only
 * from the CMDB shows nothing (absence of evidence is not evidence), a device seen for an hour may
 * simply not have been asked for the service yet, and a device seen only as a client (DHCP, DNS
 * requests) tells nothing about what it listens on. A protocol the device used as a client counts
 * as in use too: the advisory may speak of that side.
 *
 * @param mention the services the advisory names
 * @param verdict what the traffic says
 * @param seen the mention's protocol ids seen on the device (served or used), sorted
 * @param window how much traffic the verdict rests on, e.g. {@code 3 days of traffic (2025-01-01 to
 *     2025-01-04)}; empty when there is none
 * @param span the time between the device's first and last sighting, empty when not known
 * @param minimum the least span that can show a service unused
 */
public record ServiceUse(
    ServiceMention mention,
    Verdict verdict,
    Set<String> seen,
    String window,
    Optional<Duration> span,
    Duration minimum) {

  /**
   * A week: weekly jobs (a Monday worklist query, a weekend backup over SMB) fall inside it, so a
   * service unused for a week is less likely merely idle.
   */
  public static final Duration DEFAULT_MINIMUM = Duration.ofDays(7);

  /** What the traffic says about the service. */
  public enum Verdict {
    /** The device served or used one of the service's protocols. */
    IN_USE,
    /**
     * The device was seen serving for at least the minimum window, never the service: {@link
     * CompensatingControl#SERVICE_NOT_OBSERVED}.
     */
    NOT_OBSERVED,
    /** No traffic of the device is known, so nothing can be told. */
    NO_TRAFFIC,
    /** Served protocols cannot judge this flaw (Bluetooth, physical access, a TLS client…). */
    NOT_JUDGED,
    /** The device was never seen serving any protocol, so what it listens on is not known. */
    NOT_SERVING,
    /**
     * The device was seen serving, but for less than the minimum window (or for an unknown one).
     */
    SHORT_WINDOW
  }

  public ServiceUse {
    Objects.requireNonNull(mention, "mention");
    Objects.requireNonNull(verdict, "verdict");
    seen = Set.copyOf(seen);
    Objects.requireNonNull(window, "window");
    Objects.requireNonNull(span, "span");
    Objects.requireNonNull(minimum, "minimum");
  }

  /** A verdict with no span known, judged against {@link #DEFAULT_MINIMUM}. */
  public ServiceUse(ServiceMention mention, Verdict verdict, Set<String> seen, String window) {
    this(mention, verdict, seen, window, Optional.empty(), DEFAULT_MINIMUM);
  }

  /** What the device's traffic says about the service, judged against {@link #DEFAULT_MINIMUM}. */
  public static ServiceUse of(Device device, ServiceMention mention) {
    return of(device, mention, DEFAULT_MINIMUM);
  }

  /**
   * What the device's traffic says about the service the advisory names.
   *
   * @param minimum the least time between the device's first and last sighting that can show the
   *     service unused
   */
  public static ServiceUse of(Device device, ServiceMention mention, Duration minimum) {
    if (minimum.isNegative()) {
      throw new IllegalArgumentException("minimum observation window is negative: " + minimum);
    }
    String window = window(device);
    Optional<Duration> span = span(device);
    if (mention.notJudged().isPresent()) {
      return new ServiceUse(mention, Verdict.NOT_JUDGED, Set.of(), window, span, minimum);
    }
    Set<String> seen = new TreeSet<>();
    for (String p : mention.protocols()) {
      if (device.protocolsAsServer().contains(p) || device.protocolsAsClient().contains(p)) {
        seen.add(p);
      }
    }
    Verdict verdict;
    if (!seen.isEmpty()) {
      verdict = Verdict.IN_USE;
    } else if (device.protocolsAsServer().isEmpty() && device.protocolsAsClient().isEmpty()) {
      verdict = Verdict.NO_TRAFFIC;
    } else if (device.protocolsAsServer().isEmpty()) {
      verdict = Verdict.NOT_SERVING;
    } else if (tooShort(span, minimum)) {
      verdict = Verdict.SHORT_WINDOW;
    } else {
      verdict = Verdict.NOT_OBSERVED;
    }
    return new ServiceUse(mention, verdict, seen, window, span, minimum);
  }

  /** True when the device was seen serving long enough and never the service. */
  public boolean notObserved() {
    return verdict == Verdict.NOT_OBSERVED;
  }

  /** One line for the rationale. */
  public String explanation() {
    String service = mention.label();
    String reached =
        "the flaw is reached through " + service + " (advisory text: '" + mention.quote() + "')";
    switch (verdict) {
      case NOT_OBSERVED:
        return reached
            + "; Ward has not seen this device serve or use "
            + service
            + " in "
            + (window.isEmpty() ? "the traffic it holds" : window)
            + "; a service not in use is a weaker path, not a closed one: verify it is disabled";
      case IN_USE:
        return reached
            + "; this device uses it ("
            + String.join(", ", seen)
            + " seen in its traffic), so no compensating control";
      case NO_TRAFFIC:
        return reached
            + "; Ward has no traffic of this device, so whether it serves "
            + service
            + " is not known and no compensating control is derived";
      case NOT_SERVING:
        return reached
            + "; Ward has seen this device only as a client, never serving any protocol, so what"
            + " it listens on is not known and whether it serves "
            + service
            + " cannot be judged"
            + (tooShort() ? "; " + seenFor() : "")
            + "; no compensating control";
      case SHORT_WINDOW:
        return reached
            + "; "
            + seenFor()
            + " to judge whether it serves "
            + service
            + "; no compensating control";
      default:
        return "the advisory text names "
            + service
            + " ('"
            + mention.quote()
            + "'): "
            + mention.notJudged().orElse("")
            + ", so no compensating control is derived from traffic";
    }
  }

  private boolean tooShort() {
    return tooShort(span, minimum);
  }

  /** A zero minimum asks for no window at all, not even a known one. */
  private static boolean tooShort(Optional<Duration> span, Duration minimum) {
    return !minimum.isZero() && (span.isEmpty() || span.get().compareTo(minimum) < 0);
  }

  /** How long the device was seen against how long is needed, in plain words. */
  private String seenFor() {
    String needs = "(needs " + exact(minimum) + ")";
    return span.map(s -> "Ward has seen this device for " + length(s) + " only " + needs)
        .orElse("Ward has seen this device for an unknown time " + needs);
  }

  /** The time between a device's first and last sighting, when both are known and in order. */
  static Optional<Duration> span(Device d) {
    long first = d.firstSeenEpochNanos();
    long last = d.lastSeenEpochNanos();
    if (first <= 0 || last < first) {
      return Optional.empty();
    }
    return Optional.of(Duration.ofNanos(last - first));
  }

  /** The traffic window of a device, in days when it spans one or more. */
  static String window(Device d) {
    return span(d)
        .map(
            s ->
                length(s)
                    + " of traffic ("
                    + day(d.firstSeenEpochNanos())
                    + " to "
                    + day(d.lastSeenEpochNanos())
                    + ")")
        .orElse("");
  }

  /** A span in its largest whole unit, rounded down: {@code 3 days}, {@code 2 hours}. */
  static String length(Duration span) {
    if (span.toDays() >= 1) {
      return plural(span.toDays(), "day");
    } else if (span.toHours() >= 1) {
      return plural(span.toHours(), "hour");
    } else if (span.toMinutes() >= 1) {
      return plural(span.toMinutes(), "minute");
    }
    return "less than a minute";
  }

  /**
   * A configured minimum in the largest unit that says it exactly ({@code 36 hours}, not {@code 1
   * day}), so the rationale never understates what is needed.
   */
  static String exact(Duration d) {
    if (d.toDays() >= 1 && d.equals(Duration.ofDays(d.toDays()))) {
      return plural(d.toDays(), "day");
    } else if (d.toHours() >= 1 && d.equals(Duration.ofHours(d.toHours()))) {
      return plural(d.toHours(), "hour");
    } else if (d.toMinutes() >= 1 && d.equals(Duration.ofMinutes(d.toMinutes()))) {
      return plural(d.toMinutes(), "minute");
    }
    return plural(d.toSeconds(), "second");
  }

  private static String plural(long n, String unit) {
    return n + " " + unit + (n == 1 ? "" : "s");
  }

  private static String day(long epochNanos) {
    return Instant.ofEpochSecond(0, epochNanos).atZone(ZoneOffset.UTC).toLocalDate().toString();
  }
}
