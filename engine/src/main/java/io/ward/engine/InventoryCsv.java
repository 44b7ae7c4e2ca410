package io.ward.engine;

import io.ward.model.Device;
import io.ward.model.IpAddress;
import io.ward.model.MacAddress;
import io.ward.model.Software;
import java.io.IOException;
import java.io.Writer;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** Writes the inventory as RFC 4180 CSV for spreadsheets: one device a row. */
public final class InventoryCsv {
  private InventoryCsv() {}

  /**
   * Between the values of a list cell. Not a space: DICOM AE titles, HL7 application names and mDNS
   * instance names may contain spaces, so "CT SCANNER 1" read as three titles. A semicolon is what
   * spreadsheet users split multi-valued cells on; a value that itself holds one is rare enough
   * (none of the shared captures has one) to stay as it is.
   */
  static final String LIST_SEPARATOR = "; ";

  private static final List<String> HEADER =
      List.of(
          "id",
          "mac",
          "ips",
          "hostnames",
          "vlans",
          "vendor",
          "model",
          "os",
          "firmware",
          "serial",
          "category",
          "modality",
          "medical",
          "criticality",
          "protocols_client",
          "protocols_server",
          "ae_titles",
          "hl7_applications",
          "software");

  /** Writes a header row and one row per device. */
  public static void write(List<Device> devices, Writer out) throws IOException {
    row(out, HEADER);
    for (Device d : devices) {
      row(
          out,
          List.of(
              d.id(),
              d.mac().map(MacAddress::toString).orElse(""),
              d.ips().stream().map(IpAddress::toString).collect(Collectors.joining(LIST_SEPARATOR)),
              String.join(LIST_SEPARATOR, d.hostnames()),
              d.vlans().stream()
                  .sorted()
                  .map(String::valueOf)
                  .collect(Collectors.joining(LIST_SEPARATOR)),
              or(d.vendor()),
              or(d.model()),
              or(d.os()),
              or(d.firmware()),
              or(d.serial()),
              d.category().id(),
              or(d.modality()),
              String.valueOf(d.medical()),
              d.criticality().id(),
              joined(d.protocolsAsClient()),
              joined(d.protocolsAsServer()),
              joined(d.aeTitles()),
              joined(d.hl7Applications()),
              d.software().stream()
                  .map(Software::label)
                  .collect(Collectors.joining(LIST_SEPARATOR))));
    }
    out.flush();
  }

  private static String or(Optional<String> v) {
    return v.orElse("");
  }

  private static String joined(Collection<String> values) {
    return String.join(LIST_SEPARATOR, new TreeSet<>(values));
  }

  private static void row(Writer out, List<String> cells) throws IOException {
    for (int i = 0; i < cells.size(); i++) {
      if (i > 0) {
        out.write(',');
      }
      out.write(quote(cells.get(i)));
    }
    out.write("\r\n");
  }

  /**
   * Quotes a cell when needed, and defuses cells a spreadsheet would run as a formula (values come
   * from the network, so an attacker chooses them).
   */
  static String quote(String cell) {
    String c = cell;
    if (!c.isEmpty() && "=+-@\t\r".indexOf(c.charAt(0)) >= 0) {
      c = "'" + c;
    }
    if (c.indexOf(',') >= 0
        || c.indexOf('"') >= 0
        || c.indexOf('\n') >= 0
        || c.indexOf('\r') >= 0) {
      return '"' + c.replace("\"", "\"\"") + '"';
    }
    return c;
  }
}
