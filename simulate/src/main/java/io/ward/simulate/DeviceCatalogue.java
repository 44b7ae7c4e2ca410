package io.ward.simulate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ward.model.Category;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The device catalogue: every product the simulator can place, loaded from {@code
 * device-models.json} and validated, so a bad entry fails at load and not mid-run.
 */
final class DeviceCatalogue {
  static final String RESOURCE = "device-models.json";

  private final List<DeviceModel> models;
  private final Map<Category, List<DeviceModel>> pickable = new EnumMap<>(Category.class);

  private DeviceCatalogue(List<DeviceModel> models) {
    this.models = List.copyOf(models);
    for (DeviceModel m : models) {
      if (m.weight() > 0) {
        pickable.computeIfAbsent(m.category(), c -> new ArrayList<>()).add(m);
      }
    }
  }

  /** The catalogue shipped in the jar. */
  static DeviceCatalogue load() {
    try (InputStream in = DeviceCatalogue.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + RESOURCE);
      }
      return parse(new ObjectMapper().readTree(in));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
  }

  static DeviceCatalogue parse(JsonNode root) {
    List<DeviceModel> out = new ArrayList<>();
    Set<String> ids = new java.util.TreeSet<>();
    for (JsonNode n : root.path("models")) {
      DeviceModel m = model(n);
      if (!ids.add(m.id())) {
        throw new IllegalStateException("duplicate model id " + m.id());
      }
      out.add(m);
    }
    if (out.isEmpty()) {
      throw new IllegalStateException(RESOURCE + " lists no models");
    }
    return new DeviceCatalogue(out);
  }

  List<DeviceModel> models() {
    return models;
  }

  /** Models picked at random for a category, in file order (empty when none). */
  List<DeviceModel> pickable(Category category) {
    return pickable.getOrDefault(category, List.of());
  }

  /** The model with the given id. */
  DeviceModel byId(String id) {
    for (DeviceModel m : models) {
      if (m.id().equals(id)) {
        return m;
      }
    }
    throw new IllegalStateException("no model " + id + " in " + RESOURCE);
  }

  private static DeviceModel model(JsonNode n) {
    String id = text(n, "id");
    Category category =
        Category.fromId(text(n, "category"))
            .orElseThrow(() -> bad(id, "unknown category " + n.path("category")));
    Role role =
        Role.fromId(text(n, "role")).orElseThrow(() -> bad(id, "unknown role " + n.path("role")));
    List<DeviceModel.Oui> ouis = new ArrayList<>();
    for (JsonNode o : n.path("ouis")) {
      String prefix = text(o, "prefix");
      if (!prefix.matches("[0-9A-F]{6}")) {
        throw bad(id, "OUI must be six upper-case hex digits: " + prefix);
      }
      ouis.add(new DeviceModel.Oui(Integer.parseInt(prefix, 16), text(o, "organization")));
    }
    if (ouis.isEmpty()) {
      throw bad(id, "no OUI");
    }
    List<String> firmware = new ArrayList<>();
    n.path("firmware").forEach(f -> firmware.add(f.asText()));
    if (firmware.isEmpty()) {
      throw bad(id, "no firmware version");
    }
    DeviceModel m =
        new DeviceModel(
            id,
            text(n, "vendor"),
            text(n, "model"),
            category,
            role,
            n.path("weight").asInt(1),
            List.copyOf(ouis),
            text(n, "hostname"),
            opt(n, "os"),
            List.copyOf(firmware),
            n.path("ttl").asInt(64),
            dhcp(n.path("dhcp")),
            protocols(id, n.path("client")),
            protocols(id, n.path("server")),
            n.hasNonNull("hl7") ? Optional.of(hl7(n.path("hl7"))) : Optional.empty(),
            dicom(n.path("dicom")),
            n.hasNonNull("poct")
                ? Optional.of(
                    new DeviceModel.Poct(
                        text(n.path("poct"), "vendorId"), text(n.path("poct"), "modelId")))
                : Optional.empty(),
            n.hasNonNull("astm")
                ? Optional.of(new DeviceModel.Astm(text(n.path("astm"), "sender")))
                : Optional.empty(),
            opt(n, "httpServer"),
            opt(n, "userAgent"),
            n.path("tlsMaxVersion").asText("1.3"),
            opt(n, "telnetBanner"),
            opt(n, "ftpBanner"),
            opt(n, "snmpSysDescr"),
            opt(n, "mdnsService"),
            opt(n, "ssdpServer"),
            n.path("serialPrefix").asText("SN"));
    CatalogueRules.check(m);
    return m;
  }

  private static Optional<DeviceModel.Dhcp> dhcp(JsonNode d) {
    if (d.isMissingNode() || d.isNull()) {
      return Optional.empty();
    }
    List<Integer> params = new ArrayList<>();
    d.path("paramList").forEach(p -> params.add(p.asInt()));
    return Optional.of(
        new DeviceModel.Dhcp(
            opt(d, "vendorClass"),
            List.copyOf(params),
            d.path("fqdn").asBoolean(),
            d.path("broadcast").asBoolean()));
  }

  private static DeviceModel.Hl7 hl7(JsonNode h) {
    JsonNode sft = h.path("software");
    Optional<DeviceModel.Software> software =
        sft.isMissingNode() || sft.isNull()
            ? Optional.empty()
            : Optional.of(new DeviceModel.Software(text(sft, "vendor"), opt(sft, "product")));
    return new DeviceModel.Hl7(text(h, "application"), h.path("eui64").asBoolean(), software);
  }

  private static Optional<DeviceModel.Dicom> dicom(JsonNode d) {
    if (d.isMissingNode() || d.isNull()) {
      return Optional.empty();
    }
    return Optional.of(
        new DeviceModel.Dicom(
            opt(d, "modality"),
            opt(d, "sopClassUid"),
            text(d, "implementationClassUid"),
            text(d, "implementationVersionName"),
            text(d, "aeTitle")));
  }

  private static Set<Protocol> protocols(String id, JsonNode list) {
    EnumSet<Protocol> set = EnumSet.noneOf(Protocol.class);
    for (JsonNode p : list) {
      set.add(Protocol.fromId(p.asText()).orElseThrow(() -> bad(id, "unknown protocol " + p)));
    }
    return Collections.unmodifiableSet(set);
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull() || v.asText().isBlank()) {
      throw new IllegalStateException(RESOURCE + ": missing " + field + " in " + n);
    }
    return v.asText();
  }

  private static Optional<String> opt(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? Optional.empty() : Optional.of(v.asText());
  }

  static IllegalStateException bad(String id, String why) {
    return new IllegalStateException(RESOURCE + ": model " + id + ": " + why);
  }
}
