package io.ward.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A {@code ward.inventory/1} file of one device written by hand, for tests of {@code ward vulns}
 * that need a device of a given maker, model and firmware rather than one a capture yields.
 */
final class HandWrittenInventory {
  private static final ObjectMapper JSON = new ObjectMapper();

  private HandWrittenInventory() {}

  /** A medical PACS-category device with every field of the schema, empty where unknown. */
  static ObjectNode device(String mac, String vendor, String model, String firmware) {
    ObjectNode d = JSON.createObjectNode();
    d.put("id", "mac:" + mac).put("mac", mac);
    d.putArray("ips");
    d.putArray("hostnames");
    d.putArray("vlans");
    d.put("vendor", vendor).put("model", model).putNull("os").put("firmware", firmware);
    d.putNull("serial").put("category", "pacs").putNull("modality");
    d.put("medical", true).put("criticality", "high");
    ObjectNode protocols = d.putObject("protocols");
    protocols.putArray("client");
    protocols.putArray("server");
    d.putArray("aeTitles");
    d.putArray("hl7Applications");
    d.put("firstSeen", "2024-03-04T08:00:00Z").put("lastSeen", "2024-03-04T09:00:00Z");
    d.putArray("evidence");
    return d;
  }

  /**
   * Writes an inventory of {@code device} alone to {@code dir/inventory.json}; returns its path.
   */
  static Path write(Path dir, ObjectNode device) throws IOException {
    ObjectNode inventory = JSON.createObjectNode();
    inventory.put("format", "ward.inventory/1");
    inventory.putObject("generator").put("name", "hand-written test fixture").put("version", "1");
    inventory.putArray("captures");
    inventory.putArray("devices").add(device);
    Path file = dir.resolve("inventory.json");
    Files.writeString(file, JSON.writeValueAsString(inventory));
    return file;
  }
}
