package io.ward.server.inventory;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/**
 * The opaque position after which the next page starts: the sort, its direction, the last row's
 * sort value and id. A cursor from another sort or a forged one is refused.
 */
record DeviceCursor(DeviceSort sort, boolean descending, Object value, long id) {

  String encode() {
    String v = value instanceof Instant i ? Long.toString(micros(i)) : value.toString();
    String raw = "1|" + sort.id() + "|" + (descending ? "d" : "a") + "|" + id + "|" + v;
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(raw.getBytes(StandardCharsets.UTF_8));
  }

  static DeviceCursor of(DeviceRow last, DeviceSort sort, boolean descending) {
    Object value;
    switch (sort) {
      case RISK:
        value = last.riskScore();
        break;
      case LAST_SEEN:
        value = last.lastSeen();
        break;
      case CRITICALITY:
        value = last.criticality().ordinal();
        break;
      case VENDOR:
        value = last.vendor().orElse("");
        break;
      case CATEGORY:
        value = last.category().id();
        break;
      default:
        value = last.id();
    }
    return new DeviceCursor(sort, descending, value, last.id());
  }

  /** Decodes a cursor for this sort and direction. */
  static DeviceCursor decode(String cursor, DeviceSort sort, boolean descending) {
    String raw;
    try {
      raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("malformed cursor");
    }
    String[] parts = raw.split("\\|", 5);
    if (parts.length != 5
        || !parts[0].equals("1")
        || !parts[1].equals(sort.id())
        || !parts[2].equals(descending ? "d" : "a")) {
      throw new IllegalArgumentException("cursor does not belong to this query's order");
    }
    try {
      long id = Long.parseLong(parts[3]);
      Object value;
      switch (sort) {
        case RISK:
        case CRITICALITY:
          value = Integer.parseInt(parts[4]);
          break;
        case LAST_SEEN:
          long micros = Long.parseLong(parts[4]);
          value =
              Instant.ofEpochSecond(
                  Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000L);
          if (((Instant) value).isBefore(EARLIEST) || ((Instant) value).isAfter(LATEST)) {
            // Beyond what the database's timestamps hold: the query would fail, not answer.
            throw new IllegalArgumentException("malformed cursor");
          }
          break;
        case ID:
          value = Long.parseLong(parts[4]);
          break;
        default:
          if (parts[4].chars().anyMatch(c -> c < 0x20 && c != '\t')) {
            // No stored value holds them, and PostgreSQL refuses NUL in a query's text.
            throw new IllegalArgumentException("malformed cursor");
          }
          value = parts[4];
      }
      return new DeviceCursor(sort, descending, value, id);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("malformed cursor");
    }
  }

  private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
  private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

  private static long micros(Instant i) {
    return Math.addExact(Math.multiplyExact(i.getEpochSecond(), 1_000_000L), i.getNano() / 1000);
  }
}
