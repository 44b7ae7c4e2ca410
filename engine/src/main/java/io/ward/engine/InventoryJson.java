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
import io.ward.model.Software;
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
      ExternalEndpointsJson.write(g, result.external());
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
    writeSoftware(g, d.software());
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

  /** The software seen on a device, each item with the evidence that named its version. */
  private static void writeSoftware(JsonGenerator g, List<Software> software) throws IOException {
    g.writeArrayFieldStart("software");
    for (Software s : software) {
      g.writeStartObject();
      writeOptional(g, "vendor", s.vendor());
      g.writeStringField("product", s.product());
      writeOptional(g, "version", s.version());
      g.writeStringField("source", s.source());
      g.writeStringField("observed", s.observed());
      writeOptional(g, "fingerprint", s.fingerprint());
      g.writeNumberField("confidence", Math.round(s.confidence() * 1000) / 1000.0);
      g.writeEndObject();
    }
    g.writeEndArray();
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
      if (!flow.otherClients().isEmpty()) {
        // Only where there are some: every other conversation reads as it always did.
        writeOtherClients(g, flow.otherClients());
      }
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeNumberField("notListed", f.cleartextNotListed());
    g.writeEndObject();
    g.writeEndObject();
  }

  /** The other devices that spoke as a conversation's client (see {@link Flow#otherClients}). */
  private static void writeOtherClients(JsonGenerator g, List<Flow.OtherClient> others)
      throws IOException {
    g.writeArrayFieldStart("otherClients");
    for (Flow.OtherClient o : others) {
      g.writeStartObject();
      g.writeStringField("client", endpointText(o.endpoint()));
      writeTime(g, "firstSeen", o.firstSeenEpochNanos(), true);
      writeTime(g, "lastSeen", o.lastSeenEpochNanos(), true);
      g.writeEndObject();
    }
    g.writeEndArray();
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
   * truth file). Other top-level keys, such as {@code external} (which files before it lack), are
   * not read.
   *
   * <p>Absent and {@code null} values read as empty; a value of the wrong type (a string where the
   * schema has a list, a number where it has a time…) or one that does not parse is refused.
   *
   * @throws InventoryFormatException when the document is not that format; the message names the
   *     file, the JSON path of the value and the problem, on one line
   */
  public static List<Device> readDevices(InputStream in, String name) throws IOException {
    JsonNode root;
    try {
      root = Reader.MAPPER.readTree(in);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      com.fasterxml.jackson.core.JsonLocation where = e.getLocation();
      throw new InventoryFormatException(
          name
              + (where == null || where.getLineNr() < 1
                  ? ""
                  : ": line " + where.getLineNr() + ", column " + where.getColumnNr())
              + ": not valid JSON ("
              + oneLine(e.getOriginalMessage())
              + ")");
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
      String path = "$.devices[" + i + "]";
      try {
        out.add(readDevice(devices.get(i)));
      } catch (BadValue e) {
        throw new InventoryFormatException(name + ": " + path + e.at + ": " + e.getMessage());
      } catch (IllegalArgumentException e) {
        throw new InventoryFormatException(name + ": " + path + ": " + oneLine(e.getMessage()));
      }
    }
    return List.copyOf(out);
  }

  /** A value that is absent from or wrong in a device; {@code at} is its path inside the device. */
  private static final class BadValue extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final String at;

    BadValue(String at, String problem) {
      super(problem, null, false, false);
      this.at = at;
    }
  }

  private static Device readDevice(JsonNode n) {
    if (!n.isObject()) {
      throw new BadValue("", "expected an object, found " + kind(n));
    }
    String id = string(n, "id", "").orElseThrow(() -> new BadValue(".id", "missing"));
    List<IpAddress> ips = new ArrayList<>();
    for (String ip : strings(n, "ips", "")) {
      ips.add(parsed(".ips", ip, IpAddress::parse));
    }
    Set<Integer> vlans = new LinkedHashSet<>();
    JsonNode vlanArray = array(n, "vlans", "");
    for (int i = 0; i < vlanArray.size(); i++) {
      JsonNode v = vlanArray.get(i);
      if (!v.isIntegralNumber() || !v.canConvertToInt()) {
        throw new BadValue(".vlans[" + i + "]", "expected a whole number, found " + kind(v));
      }
      vlans.add(v.asInt());
    }
    String categoryId = string(n, "category", "").orElse("unknown");
    Category category =
        Category.fromId(categoryId)
            .orElseThrow(() -> new BadValue(".category", "unknown category " + shown(categoryId)));
    String critId = string(n, "criticality", "").orElse("low");
    Criticality criticality =
        Criticality.fromId(critId)
            .orElseThrow(
                () -> new BadValue(".criticality", "unknown criticality " + shown(critId)));
    JsonNode medical = n.get("medical");
    if (medical != null && !medical.isNull() && !medical.isBoolean()) {
      throw new BadValue(".medical", "expected true or false, found " + kind(medical));
    }
    JsonNode protocols = n.get("protocols");
    if (protocols != null && !protocols.isNull() && !protocols.isObject()) {
      throw new BadValue(".protocols", "expected an object, found " + kind(protocols));
    }
    JsonNode roles = protocols == null ? n.path("protocols") : protocols;
    List<Evidence> evidence = new ArrayList<>();
    JsonNode evidenceArray = array(n, "evidence", "");
    for (int i = 0; i < evidenceArray.size(); i++) {
      evidence.add(readEvidence(evidenceArray.get(i), ".evidence[" + i + "]"));
    }
    List<Software> software = new ArrayList<>();
    JsonNode softwareArray = array(n, "software", "");
    for (int i = 0; i < softwareArray.size(); i++) {
      software.add(readSoftware(softwareArray.get(i), ".software[" + i + "]"));
    }
    return new Device(
        id,
        string(n, "mac", "").map(m -> parsed(".mac", m, MacAddress::parse)),
        ips,
        strings(n, "hostnames", ""),
        vlans,
        string(n, "vendor", ""),
        string(n, "model", ""),
        string(n, "os", ""),
        string(n, "firmware", ""),
        string(n, "serial", ""),
        category,
        string(n, "modality", ""),
        medical == null || medical.isNull() ? category.medical() : medical.asBoolean(),
        criticality,
        new LinkedHashSet<>(strings(roles, "client", ".protocols")),
        new LinkedHashSet<>(strings(roles, "server", ".protocols")),
        new LinkedHashSet<>(strings(n, "aeTitles", "")),
        new LinkedHashSet<>(strings(n, "hl7Applications", "")),
        time(n, "firstSeen", ""),
        time(n, "lastSeen", ""),
        evidence,
        software);
  }

  private static Software readSoftware(JsonNode s, String at) {
    if (!s.isObject()) {
      throw new BadValue(at, "expected an object, found " + kind(s));
    }
    String product =
        string(s, "product", at)
            .filter(p -> !p.isBlank())
            .orElseThrow(() -> new BadValue(at + ".product", "missing"));
    return new Software(
        string(s, "vendor", at),
        product,
        string(s, "version", at),
        string(s, "source", at).orElse(""),
        string(s, "observed", at).orElse(""),
        string(s, "fingerprint", at),
        confidence(s, at));
  }

  /** An item's confidence: 0 when absent, refused outside 0..1. */
  private static double confidence(JsonNode e, String at) {
    JsonNode confidence = e.get("confidence");
    double c = 0;
    if (confidence != null && !confidence.isNull()) {
      if (!confidence.isNumber()) {
        throw new BadValue(at + ".confidence", "expected a number, found " + kind(confidence));
      }
      c = confidence.asDouble();
      if (!(c >= 0 && c <= 1)) {
        throw new BadValue(at + ".confidence", "must lie between 0 and 1, found " + c);
      }
    }
    return c;
  }

  private static Evidence readEvidence(JsonNode e, String at) {
    if (!e.isObject()) {
      throw new BadValue(at, "expected an object, found " + kind(e));
    }
    JsonNode confidence = e.get("confidence");
    double c = 0;
    if (confidence != null && !confidence.isNull()) {
      if (!confidence.isNumber()) {
        throw new BadValue(at + ".confidence", "expected a number, found " + kind(confidence));
      }
      c = confidence.asDouble();
      if (!(c >= 0 && c <= 1)) {
        throw new BadValue(at + ".confidence", "must lie between 0 and 1, found " + c);
      }
    }
    return new Evidence(
        string(e, "attribute", at).orElse(""),
        string(e, "value", at).orElse(""),
        string(e, "source", at).orElse(""),
        string(e, "observed", at).orElse(""),
        string(e, "fingerprint", at),
        c,
        time(e, "firstSeen", at));
  }

  /** A time as the schema writes it, in epoch nanoseconds; 0 when absent or null. */
  private static long time(JsonNode n, String field, String at) {
    Optional<String> text = string(n, field, at);
    if (text.isEmpty()) {
      return 0;
    }
    Instant t;
    try {
      t = Instant.parse(text.get());
    } catch (java.time.format.DateTimeParseException e) {
      throw new BadValue(
          at + "." + field,
          "not an ISO-8601 UTC time such as 2024-05-01T12:00:00Z: " + shown(text.get()));
    }
    try {
      return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000_000L), t.getNano());
    } catch (ArithmeticException e) {
      throw new BadValue(
          at + "." + field, "outside the years 1677 to 2262 Ward can hold: " + shown(text.get()));
    }
  }

  /** A string value; empty when absent or null, refused when of another type. */
  private static Optional<String> string(JsonNode n, String field, String at) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) {
      return Optional.empty();
    }
    if (!v.isTextual()) {
      throw new BadValue(at + "." + field, "expected a string, found " + kind(v));
    }
    return Optional.of(v.asText());
  }

  /** An array; empty when absent or null, refused when of another type. */
  private static JsonNode array(JsonNode n, String field, String at) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) {
      return Reader.MAPPER.createArrayNode();
    }
    if (!v.isArray()) {
      throw new BadValue(at + "." + field, "expected a list, found " + kind(v));
    }
    return v;
  }

  /** An array of strings; empty when absent or null, refused when anything else. */
  private static List<String> strings(JsonNode n, String field, String at) {
    JsonNode array = n == null || n.isMissingNode() ? null : array(n, field, at);
    List<String> out = new ArrayList<>();
    if (array == null) {
      return out;
    }
    for (int i = 0; i < array.size(); i++) {
      JsonNode s = array.get(i);
      if (!s.isTextual()) {
        throw new BadValue(at + "." + field + "[" + i + "]", "expected a string, found " + kind(s));
      }
      out.add(s.asText());
    }
    return out;
  }

  private static <T> T parsed(
      String at, String text, java.util.function.Function<String, T> parse) {
    try {
      return parse.apply(text);
    } catch (IllegalArgumentException e) {
      throw new BadValue(at, oneLine(e.getMessage()));
    }
  }

  /** What a wrong value is, for a message: its type and, for a scalar, the value itself. */
  private static String kind(JsonNode v) {
    if (v.isArray()) {
      return "a list";
    }
    if (v.isObject()) {
      return "an object";
    }
    if (v.isTextual()) {
      return "the string " + shown(v.asText());
    }
    if (v.isBoolean()) {
      return v.asText();
    }
    if (v.isNumber()) {
      return "the number " + v.asText();
    }
    return v.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
  }

  /** A value from the document, quoted, escaped and cut, so a message stays one short line. */
  private static String shown(String text) {
    String cut = text.length() > 60 ? text.substring(0, 60) + "…" : text;
    return com.fasterxml.jackson.databind.node.TextNode.valueOf(cut).toString();
  }

  private static String oneLine(String message) {
    return message == null ? "" : message.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
  }
}
