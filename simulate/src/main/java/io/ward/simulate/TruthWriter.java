package io.ward.simulate;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.ward.model.Device;
import io.ward.model.IpAddress;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/**
 * Streams the ground truth as JSON in the inventory's schema ({@code ward.inventory/1}): devices
 * with every attribute the simulator knows, then the attacks. One device at a time, so a truth for
 * 100k devices never sits in memory as text.
 */
final class TruthWriter implements AutoCloseable {
  static final String FORMAT = "ward.inventory/1";

  private final JsonGenerator json;

  TruthWriter(OutputStream out) throws IOException {
    json =
        new JsonFactory()
            .createGenerator(new java.io.BufferedOutputStream(out, 1 << 16), JsonEncoding.UTF8);
    json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    json.useDefaultPrettyPrinter();
  }

  void begin(SimulationConfig config) throws IOException {
    json.writeStartObject();
    json.writeStringField("format", FORMAT);
    json.writeObjectFieldStart("generator");
    json.writeStringField("name", "ward-simulate");
    json.writeNumberField("seed", config.seed());
    json.writeNumberField("devices", config.devices());
    json.writeNumberField("minutes", config.minutes());
    json.writeNumberField("startEpochMillis", config.startEpochMillis());
    strings("attacks", config.attacks());
    json.writeEndObject();
    json.writeArrayFieldStart("devices");
  }

  void device(Device d) throws IOException {
    json.writeStartObject();
    json.writeStringField("id", d.id());
    json.writeStringField("mac", d.mac().map(Object::toString).orElse(null));
    json.writeArrayFieldStart("ips");
    for (IpAddress ip : d.ips()) {
      json.writeString(ip.toString());
    }
    json.writeEndArray();
    strings("hostnames", d.hostnames());
    json.writeArrayFieldStart("vlans");
    for (int v : new TreeSet<>(d.vlans())) {
      json.writeNumber(v);
    }
    json.writeEndArray();
    json.writeStringField("vendor", d.vendor().orElse(null));
    json.writeStringField("model", d.model().orElse(null));
    json.writeStringField("os", d.os().orElse(null));
    json.writeStringField("firmware", d.firmware().orElse(null));
    json.writeStringField("serial", d.serial().orElse(null));
    json.writeStringField("category", d.category().id());
    json.writeStringField("modality", d.modality().orElse(null));
    json.writeBooleanField("medical", d.medical());
    json.writeStringField("criticality", d.criticality().id());
    json.writeObjectFieldStart("protocols");
    strings("client", new TreeSet<>(d.protocolsAsClient()));
    strings("server", new TreeSet<>(d.protocolsAsServer()));
    json.writeEndObject();
    strings("aeTitles", new TreeSet<>(d.aeTitles()));
    strings("hl7Applications", new TreeSet<>(d.hl7Applications()));
    // Times as the inventory schema writes them (ISO-8601 UTC), so that a reader of
    // ward.inventory/1 (ward vulns --inventory) takes them rather than finding them absent.
    json.writeStringField("firstSeen", time(d.firstSeenEpochNanos()));
    json.writeStringField("lastSeen", time(d.lastSeenEpochNanos()));
    json.writeArrayFieldStart("evidence");
    json.writeEndArray();
    json.writeEndObject();
  }

  void attacks(List<AttackLog.Entry> entries, NetworkPlan plan) throws IOException {
    json.writeEndArray();
    json.writeArrayFieldStart("attacks");
    for (AttackLog.Entry e : entries) {
      PlannedDevice attacker = plan.device(e.attacker);
      json.writeStartObject();
      json.writeStringField("name", e.name);
      json.writeStringField("attacker", "mac:" + new io.ward.model.MacAddress(attacker.mac));
      json.writeStringField("attackerIp", Host.ipString(attacker.ip));
      json.writeArrayFieldStart("targets");
      for (int t : e.targets) {
        json.writeString("mac:" + new io.ward.model.MacAddress(plan.device(t).mac));
      }
      json.writeEndArray();
      json.writeArrayFieldStart("targetIps");
      for (int t : e.targets) {
        PlannedDevice d = plan.device(t);
        json.writeString(
            Host.ipString(d.role() == Role.ROUTER ? plan.gateway(attacker.zone).ip() : d.ip));
      }
      for (String ip : e.remoteTargets) {
        json.writeString(ip);
      }
      json.writeEndArray();
      json.writeNumberField("startEpochNanos", Math.max(0, e.firstMicros) * 1000);
      json.writeNumberField("endEpochNanos", Math.max(0, e.lastMicros) * 1000);
      json.writeNumberField("packets", e.packets);
      json.writeEndObject();
    }
    json.writeEndArray();
    json.writeEndObject();
  }

  /** {@code epochNanos} as docs/inventory-schema.md writes a time, e.g. 2024-03-04T08:00:01.5Z. */
  static String time(long epochNanos) {
    return Instant.ofEpochSecond(0, epochNanos).toString();
  }

  private void strings(String field, Collection<String> values) throws IOException {
    json.writeArrayFieldStart(field);
    for (String v : values) {
      json.writeString(v);
    }
    json.writeEndArray();
  }

  @Override
  public void close() throws IOException {
    json.close();
  }
}
