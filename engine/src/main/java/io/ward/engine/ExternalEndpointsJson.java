package io.ward.engine;

import com.fasterxml.jackson.core.JsonGenerator;
import io.ward.model.ExternalEndpoint;
import java.io.IOException;
import java.util.List;
import java.util.TreeSet;

/** Writes the {@code external} list of a {@code ward.inventory/1} document. */
final class ExternalEndpointsJson {
  private ExternalEndpointsJson() {}

  /** The {@code external} key: always written, an empty list when there are none. */
  static void write(JsonGenerator g, List<ExternalEndpoint> external) throws IOException {
    g.writeArrayFieldStart("external");
    for (ExternalEndpoint e : external) {
      g.writeStartObject();
      g.writeStringField("ip", e.ip().toString());
      strings(g, "hostnames", e.hostnames());
      strings(g, "protocols", new TreeSet<>(e.protocols()));
      g.writeNumberField("flows", e.flows());
      g.writeNumberField("packets", e.packets());
      g.writeNumberField("bytes", e.bytes());
      g.writeStringField("firstSeen", UtcTimestamp.format(e.firstSeenEpochNanos()));
      g.writeStringField("lastSeen", UtcTimestamp.format(e.lastSeenEpochNanos()));
      strings(g, "devices", e.deviceIds());
      g.writeNumberField("deviceCount", e.deviceCount());
      g.writeBooleanField("deviceCountExact", e.deviceCountExact());
      g.writeStringField("reason", e.reason().id());
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  private static void strings(JsonGenerator g, String name, Iterable<String> values)
      throws IOException {
    g.writeArrayFieldStart(name);
    for (String s : values) {
      g.writeString(s);
    }
    g.writeEndArray();
  }
}
