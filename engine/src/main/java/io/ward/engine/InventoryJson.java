package io.ward.engine;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ward.capture.CaptureSummary;
import io.ward.model.Category;
import io.ward.model.Criticality;
import io.ward.model.Device;
import io.ward.model.Endpoint;
import io.ward.model.Evidence;
import io.ward.model.Flow;
import io.ward.model.IpAddress;
import io.ward.model.MacAddress;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads and writes the {@code ward.inventory/1} JSON document (schema in docs/inventory-schema.md).
 * Written with the streaming generator so a 100k-device inventory never sits in memory twice.
 */
public final class InventoryJson {

  /** The format tag at the top of every document. */
  public static final String FORMAT = "ward.inventory/1";

  private static final JsonFactory FACTORY = new JsonFactory();

  /** Only for reading an inventory back: made then, not at every analysis's output. */
  private static final class Reader {
    static final ObjectMapper MAPPER = new ObjectMapper();
  }

  private InventoryJson() {}

  /** Writes an analysis result as a {@code ward.inventory/1} document. */
  public static void write(AnalysisResult result, OutputStream out) throws IOException {
    try (JsonGenerator g = FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
      g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
      g.useDefaultPrettyPrinter();
      g.writeStartObject();
      g.writeStringField("format", FORMAT);
      g.writeObjectFieldStart("generator");
      g.writeStringField("name", "ward");
      g.writeStringField("version", Version.current());
      g.writeEndObject();
      g.writeArrayFieldStart("captures");
      for (CaptureSummary c : result.captures()) {
        writeCapture(g, c);
      }
      g.writeEndArray();
      g.writeArrayFieldStart("devices");
      for (Device d : result.devices()) {
        writeDevice(g, d);
      }
      g.writeEndArray();
      writeFlows(g, result.flows());
      writeStats(g, result);
      g.writeEndObject();
    }
  }

  private static void writeCapture(JsonGenerator g, CaptureSummary c) throws IOException {
    g.writeStartObject();
    g.writeStringField("name", c.name());
    g.writeStringField("format", c.format());
    g.writeBooleanField("gzip", c.gzip());
    g.writeArrayFieldStart("linkTypes");
    for (int lt : c.linkTypes()) {
      g.writeNumber(lt);
    }
    g.writeEndArray();
    g.writeNumberField("packets", c.packets());
    g.writeNumberField("bytes", c.bytes());
    g.writeNumberField("flows", c.flows());
    writeTime(g, "firstSeen", c.firstEpochNanos(), c.packets() > 0);
    writeTime(g, "lastSeen", c.lastEpochNanos(), c.packets() > 0);
    if (c.truncatedAtOffset().isPresent()) {
      g.writeNumberField("truncatedAtOffset", c.truncatedAtOffset().getAsLong());
    } else {
      g.writeNullField("truncatedAtOffset");
    }
    g.writeNumberField("ipFragments", c.ipFragments());
    g.writeNumberField("undecodablePackets", c.undecodablePackets());
    writeStrings(g, "warnings", c.warnings());
    writeCounts(g, "anomalies", c.anomalies());
    writeCounts(g, "flowsByProtocol", c.flowsByProtocol());
    g.writeEndObject();
  }

  static void writeDevice(JsonGenerator g, Device d) throws IOException {
    g.writeStartObject();
    g.writeStringField("id", d.id());
    writeOptional(g, "mac", d.mac().map(MacAddress::toString));
    g.writeArrayFieldStart("ips");
    for (IpAddress ip : d.ips()) {
      g.writeString(ip.toString());
    }
    g.writeEndArray();
    writeStrings(g, "hostnames", d.hostnames());
    g.writeArrayFieldStart("vlans");
    for (int v : new TreeSet<>(d.vlans())) {
      g.writeNumber(v);
    }
    g.writeEndArray();
    writeOptional(g, "vendor", d.vendor());
    writeOptional(g, "model", d.model());
    writeOptional(g, "os", d.os());
    writeOptional(g, "firmware", d.firmware());
    writeOptional(g, "serial", d.serial());
    g.writeStringField("category", d.category().id());
    writeOptional(g, "modality", d.modality());
    g.writeBooleanField("medical", d.medical());
    g.writeStringField("criticality", d.criticality().id());
    g.writeObjectFieldStart("protocols");
    writeStrings(g, "client", new TreeSet<>(d.protocolsAsClient()));
    writeStrings(g, "server", new TreeSet<>(d.protocolsAsServer()));
    g.writeEndObject();
    writeStrings(g, "aeTitles", new TreeSet<>(d.aeTitles()));
    writeStrings(g, "hl7Applications", new TreeSet<>(d.hl7Applications()));
    writeTime(g, "firstSeen", d.firstSeenEpochNanos(), true);
    writeTime(g, "lastSeen", d.lastSeenEpochNanos(), true);
    g.writeArrayFieldStart("evidence");
    for (Evidence e : d.evidence()) {
      g.writeStartObject();
      g.writeStringField("attribute", e.attribute());
      g.writeStringField("value", e.value());
      g.writeStringField("source", e.source());
      g.writeStringField("observed", e.observed());
      writeOptional(g, "fingerprint", e.fingerprint());
      g.writeNumberField("confidence", Math.round(e.confidence() * 1000) / 1000.0);
      writeTime(g, "firstSeen", e.firstSeenEpochNanos(), true);
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeEndObject();
  }

  private static void writeFlows(JsonGenerator g, FlowSummary f) throws IOException {
    g.writeObjectFieldStart("flows");
    g.writeNumberField("total", f.flows());
    g.writeNumberField("packets", f.packets());
    g.writeNumberField("bytes", f.bytes());
    writeCounts(g, "byProtocol", f.byProtocol());
    g.writeObjectFieldStart("cleartext");
    writeCounts(g, "byProtocol", f.cleartextByProtocol());
    g.writeArrayFieldStart("conversations");
    for (Flow flow : f.cleartextConversations()) {
      g.writeStartObject();
      g.writeStringField("protocol", flow.appProtocol().orElse(flow.transport().id()));
      g.writeStringField("transport", flow.transport().id());
      g.writeStringField("client", endpointText(flow.client()));
      g.writeNumberField("clientPort", flow.clientPort());
      g.writeStringField("server", endpointText(flow.server()));
      g.writeNumberField("serverPort", flow.serverPort());
      g.writeNumberField("vlan", flow.vlan());
      g.writeNumberField("packets", flow.packets());
      g.writeNumberField("bytes", flow.bytes());
      writeTime(g, "firstSeen", flow.firstSeenEpochNanos(), true);
      writeTime(g, "lastSeen", flow.lastSeenEpochNanos(), true);
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeNumberField("notListed", f.cleartextNotListed());
    g.writeEndObject();
    g.writeEndObject();
  }

  private static void writeStats(JsonGenerator g, AnalysisResult r) throws IOException {
    Map<Category, Long> byCategory = new EnumMap<>(Category.class);
    Map<Criticality, Long> byCriticality = new EnumMap<>(Criticality.class);
    long medical = 0;
    for (Device d : r.devices()) {
      byCategory.merge(d.category(), 1L, Long::sum);
      byCriticality.merge(d.criticality(), 1L, Long::sum);
      medical += d.medical() ? 1 : 0;
    }
    g.writeObjectFieldStart("stats");
    g.writeNumberField("devices", r.devices().size());
    g.writeNumberField("medicalDevices", medical);
    g.writeObjectFieldStart("byCategory");
    for (Map.Entry<Category, Long> e : byCategory.entrySet()) {
      g.writeNumberField(e.getKey().id(), e.getValue());
    }
    g.writeEndObject();
    g.writeObjectFieldStart("byCriticality");
    for (Map.Entry<Criticality, Long> e : byCriticality.entrySet()) {
      g.writeNumberField(e.getKey().id(), e.getValue());
    }
    g.writeEndObject();
    g.writeNumberField("observations", r.observations());
    g.writeStringField("ouiRegistry", r.knowledgeSource());
    g.writeEndObject();
  }

  static String endpointText(Endpoint e) {
    return e.ip().map(IpAddress::toString).orElseGet(() -> e.mac().orElseThrow().toString());
  }

  private static void writeTime(JsonGenerator g, String name, long epochNanos, boolean present)
      throws IOException {
    if (!present) {
      g.writeNullField(name);
      return;
    }
    g.writeStringField(name, UtcTimestamp.format(epochNanos));
  }

  private static void writeOptional(JsonGenerator g, String name, Optional<String> value)
      throws IOException {
    if (value.isPresent()) {
      g.writeStringField(name, value.get());
    } else {
      g.writeNullField(name);
    }
  }

  private static void writeStrings(JsonGenerator g, String name, Collection<String> values)
      throws IOException {
    g.writeArrayFieldStart(name);
    for (String s : values) {
      g.writeString(s);
    }
    g.writeEndArray();
  }

  private static void writeCounts(JsonGenerator g, String name, Map<String, Long> counts)
      throws IOException {
    g.writeObjectFieldStart(name);
    for (Map.Entry<String, Long> e : counts.entrySet()) {
      g.writeNumberField(e.getKey(), e.getValue());
    }
    g.writeEndObject();
  }

  /**
   * Reads the devices of a {@code ward.inventory/1} document (Ward's own output or a simulator
   * truth file).
   *
   * @throws InventoryFormatException when the document is not that format; the message names the
   *     problem and the JSON path
   */
  public static List<Device> readDevices(InputStream in, String name) throws IOException {
    JsonNode root;
    try {
      root = Reader.MAPPER.readTree(in);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new InventoryFormatException(
          name + ": not valid JSON (" + e.getOriginalMessage() + ")");
    }
    if (root == null || !root.isObject() || !FORMAT.equals(root.path("format").asText())) {
      throw new InventoryFormatException(name + ": not a " + FORMAT + " document");
    }
    JsonNode devices = root.path("devices");
    if (!devices.isArray()) {
      throw new InventoryFormatException(name + ": $.devices is not an array");
    }
    List<Device> out = new ArrayList<>(devices.size());
    for (int i = 0; i < devices.size(); i++) {
      try {
        out.add(readDevice(devices.get(i)));
      } catch (IllegalArgumentException e) {
        throw new InventoryFormatException(name + ": $.devices[" + i + "]: " + e.getMessage());
      }
    }
    return List.copyOf(out);
  }

  private static Device readDevice(JsonNode n) {
    String id = text(n, "id").orElseThrow(() -> new IllegalArgumentException("no id"));
    List<IpAddress> ips = new ArrayList<>();
    n.path("ips").forEach(ip -> ips.add(IpAddress.parse(ip.asText())));
    Set<Integer> vlans = new LinkedHashSet<>();
    n.path("vlans").forEach(v -> vlans.add(v.asInt()));
    String categoryId = text(n, "category").orElse("unknown");
    Category category =
        Category.fromId(categoryId)
            .orElseThrow(() -> new IllegalArgumentException("unknown category " + categoryId));
    String critId = text(n, "criticality").orElse("low");
    Criticality criticality =
        Criticality.fromId(critId)
            .orElseThrow(() -> new IllegalArgumentException("unknown criticality " + critId));
    List<Evidence> evidence = new ArrayList<>();
    for (JsonNode e : n.path("evidence")) {
      evidence.add(
          new Evidence(
              text(e, "attribute").orElse(""),
              text(e, "value").orElse(""),
              text(e, "source").orElse(""),
              text(e, "observed").orElse(""),
              text(e, "fingerprint"),
              e.path("confidence").asDouble(0),
              parseTime(e.path("firstSeen"))));
    }
    return new Device(
        id,
        text(n, "mac").map(MacAddress::parse),
        ips,
        strings(n.path("hostnames")),
        vlans,
        text(n, "vendor"),
        text(n, "model"),
        text(n, "os"),
        text(n, "firmware"),
        text(n, "serial"),
        category,
        text(n, "modality"),
        n.path("medical").asBoolean(category.medical()),
        criticality,
        new LinkedHashSet<>(strings(n.path("protocols").path("client"))),
        new LinkedHashSet<>(strings(n.path("protocols").path("server"))),
        new LinkedHashSet<>(strings(n.path("aeTitles"))),
        new LinkedHashSet<>(strings(n.path("hl7Applications"))),
        parseTime(n.path("firstSeen")),
        parseTime(n.path("lastSeen")),
        evidence);
  }

  private static long parseTime(JsonNode n) {
    if (!n.isTextual()) {
      return 0;
    }
    Instant t = Instant.parse(n.asText());
    return t.getEpochSecond() * 1_000_000_000L + t.getNano();
  }

  private static Optional<String> text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? Optional.empty() : Optional.of(v.asText());
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(s -> out.add(s.asText()));
    return out;
  }
}
