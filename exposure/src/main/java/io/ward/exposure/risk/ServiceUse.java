package io.ward.exposure.risk;

import io.ward.model.Device;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Whether a device was seen using the service a flaw is reached through. Only a device Ward has
 * traffic of (some protocol it served or used is known) can show a service unused; a device known
 * only from the CMDB shows nothing, and absence of evidence is not evidence. A protocol the device
 * used as a client counts as in use too: the advisory may speak of that side.
 *
 * @param mention the services the advisory names
 * @param verdict what the traffic says
 * @param seen the mention's protocol ids seen on the device (served or used), sorted
 * @param window how much traffic the verdict rests on, e.g. {@code 3 days of traffic (2025-01-01 to
 *     2025-01-04)}; empty when there is none
 */
public record ServiceUse(ServiceMention mention, Verdict verdict, Set<String> seen, String window) {

  /** What the traffic says about the service. */
  public enum Verdict {
    /** The device served or used one of the service's protocols. */
    IN_USE,
    /**
     * The device has traffic, none of it the service: {@link
     * CompensatingControl#SERVICE_NOT_OBSERVED}.
     */
    NOT_OBSERVED,
    /** No traffic of the device is known, so nothing can be told. */
    NO_TRAFFIC,
    /** Served protocols cannot judge this flaw (Bluetooth, physical access, a TLS client…). */
    NOT_JUDGED
  }

  public ServiceUse {
    Objects.requireNonNull(mention, "mention");
    Objects.requireNonNull(verdict, "verdict");
    seen = Set.copyOf(seen);
    Objects.requireNonNull(window, "window");
  }

  /** What the device's traffic says about the service the advisory names. */
  public static ServiceUse of(Device device, ServiceMention mention) {
    String window = window(device);
    if (mention.notJudged().isPresent()) {
      return new ServiceUse(mention, Verdict.NOT_JUDGED, Set.of(), window);
    }
    Set<String> seen = new TreeSet<>();
    for (String p : mention.protocols()) {
      if (device.protocolsAsServer().contains(p) || device.protocolsAsClient().contains(p)) {
        seen.add(p);
      }
    }
    if (!seen.isEmpty()) {
      return new ServiceUse(mention, Verdict.IN_USE, seen, window);
    }
    boolean observed =
        !device.protocolsAsServer().isEmpty() || !device.protocolsAsClient().isEmpty();
    return new ServiceUse(
        mention, observed ? Verdict.NOT_OBSERVED : Verdict.NO_TRAFFIC, Set.of(), window);
  }

  /** True when the device has traffic and none of it is the service. */
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

  /** The traffic window of a device, in days when it spans one or more. */
  static String window(Device d) {
    long first = d.firstSeenEpochNanos();
    long last = d.lastSeenEpochNanos();
    if (first <= 0 || last < first) {
      return "";
    }
    Duration span = Duration.ofNanos(last - first);
    String length;
    if (span.toDays() >= 1) {
      length = plural(span.toDays(), "day");
    } else if (span.toHours() >= 1) {
      length = plural(span.toHours(), "hour");
    } else if (span.toMinutes() >= 1) {
      length = plural(span.toMinutes(), "minute");
    } else {
      length = "less than a minute";
    }
    return length + " of traffic (" + day(first) + " to " + day(last) + ")";
  }

  private static String plural(long n, String unit) {
    return n + " " + unit + (n == 1 ? "" : "s");
  }

  private static String day(long epochNanos) {
    return Instant.ofEpochSecond(0, epochNanos).atZone(ZoneOffset.UTC).toLocalDate().toString();
  }
}
