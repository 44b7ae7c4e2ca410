package io.ward.server.inventory;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/**
 * The opaque position after which the next page of external endpoints starts: the sort, its
 * direction, the last row's sort value and id. A cursor from another order or a forged one is
 * refused, as a device cursor is ({@link DeviceCursor}).
 */
record ExternalEndpointCursor(
    ExternalEndpointSort sort, boolean descending, Object value, long id) {

  private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
  private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

  static ExternalEndpointCursor of(
      ExternalEndpointRow last, ExternalEndpointSort sort, boolean descending) {
    Object value =
        switch (sort) {
          case LAST_SEEN -> last.lastSeen();
          case FLOWS -> last.flows();
          case BYTES -> last.bytes();
          case DEVICES -> last.deviceCount();
        };
    return new ExternalEndpointCursor(sort, descending, value, last.id());
  }

  String encode() {
    String v = value instanceof Instant i ? Long.toString(micros(i)) : value.toString();
    String raw = "1|" + sort.id() + "|" + (descending ? "d" : "a") + "|" + id + "|" + v;
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(raw.getBytes(StandardCharsets.UTF_8));
  }

  /** Decodes a cursor for this sort and direction. */
  static ExternalEndpointCursor decode(
      String cursor, ExternalEndpointSort sort, boolean descending) {
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
      long v = Long.parseLong(parts[4]);
      Object value =
          switch (sort) {
            case LAST_SEEN -> instant(v);
            case DEVICES -> Math.toIntExact(v);
            default -> v;
          };
      return new ExternalEndpointCursor(sort, descending, value, id);
    } catch (NumberFormatException | ArithmeticException e) {
      throw new IllegalArgumentException("malformed cursor");
    }
  }

  private static Instant instant(long micros) {
    Instant t =
        Instant.ofEpochSecond(
            Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000L);
    if (t.isBefore(EARLIEST) || t.isAfter(LATEST)) {
      // Beyond what the database's timestamps hold: the query would fail, not answer.
      throw new IllegalArgumentException("malformed cursor");
    }
    return t;
  }

  private static long micros(Instant i) {
    return Math.addExact(Math.multiplyExact(i.getEpochSecond(), 1_000_000L), i.getNano() / 1000);
  }
}
