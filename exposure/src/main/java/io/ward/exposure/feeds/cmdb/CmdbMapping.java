package io.ward.exposure.feeds.cmdb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Which export column holds which asset field, read from a small YAML file:
 *
 * <pre>
 * name: servicenow
 * delimiter: ","
 * columns:
 *   assetTag: [asset_tag, "Asset tag"]
 *   manufacturer: manufacturer
 *   …
 * </pre>
 *
 * Each field lists one or more header names (matched ignoring case and surrounding spaces); the
 * first present in the export wins. Samples for ServiceNow and Nuvolo exports ship as {@code
 * servicenow.yaml} and {@code nuvolo.yaml}.
 *
 * @param name a label for messages
 * @param delimiter the field delimiter
 * @param columns header names per field
 */
public record CmdbMapping(String name, char delimiter, Map<Field, List<String>> columns) {

  /** The asset fields a mapping can fill. */
  public enum Field {
    /** Hospital asset tag. */
    ASSET_TAG("assetTag"),
    /** Manufacturer. */
    MANUFACTURER("manufacturer"),
    /** Model. */
    MODEL("model"),
    /** Serial number. */
    SERIAL("serial"),
    /** Software / firmware version. */
    SOFTWARE_VERSION("softwareVersion"),
    /** Department. */
    DEPARTMENT("department"),
    /** Location. */
    LOCATION("location"),
    /** MAC address. */
    MAC("mac"),
    /** IP address. */
    IP("ip"),
    /** Host name. */
    HOSTNAME("hostname");

    private final String key;

    Field(String key) {
      this.key = key;
    }

    /** The key used in the YAML file. */
    public String key() {
      return key;
    }
  }

  public CmdbMapping {
    Objects.requireNonNull(name, "name");
    EnumMap<Field, List<String>> copy = new EnumMap<>(Field.class);
    columns.forEach((k, v) -> copy.put(k, List.copyOf(v)));
    columns = java.util.Collections.unmodifiableMap(copy);
  }

  /** Reads a mapping file. */
  public static CmdbMapping load(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return parse(in, file.getFileName().toString());
    }
  }

  /** One of the bundled samples: {@code servicenow} or {@code nuvolo}. */
  public static CmdbMapping sample(String name) throws IOException {
    try (InputStream in = CmdbMapping.class.getResourceAsStream(name + ".yaml")) {
      if (in == null) {
        throw new IOException("no bundled CMDB mapping named " + name);
      }
      return parse(in, name);
    }
  }

  private static CmdbMapping parse(InputStream in, String source) throws IOException {
    JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(in);
    if (root == null || !root.isObject() || !root.path("columns").isObject()) {
      throw new IOException(source + ": a CMDB mapping needs a 'columns' map");
    }
    String delimiter = root.path("delimiter").asText(",");
    if (delimiter.equals("\\t") || delimiter.equalsIgnoreCase("tab")) {
      delimiter = "\t";
    }
    if (delimiter.length() != 1) {
      throw new IOException(source + ": delimiter must be one character");
    }
    Map<Field, List<String>> columns = new EnumMap<>(Field.class);
    JsonNode map = root.path("columns");
    for (Field field : Field.values()) {
      JsonNode value = map.path(field.key());
      List<String> names = new ArrayList<>();
      if (value.isTextual()) {
        names.add(value.asText());
      } else if (value.isArray()) {
        value.forEach(v -> names.add(v.asText()));
      }
      if (!names.isEmpty()) {
        columns.put(field, names);
      }
    }
    if (columns.isEmpty()) {
      throw new IOException(source + ": the mapping names no known field");
    }
    return new CmdbMapping(root.path("name").asText(source), delimiter.charAt(0), columns);
  }

  /** The column index of each mapped field in {@code header}; absent fields are left out. */
  Map<Field, Integer> resolve(List<String> header) {
    Map<Field, Integer> out = new EnumMap<>(Field.class);
    columns.forEach(
        (field, names) -> {
          for (String name : names) {
            int index = indexOf(header, name);
            if (index >= 0) {
              out.put(field, index);
              return;
            }
          }
        });
    return out;
  }

  private static int indexOf(List<String> header, String name) {
    String wanted = name.trim().toLowerCase(Locale.ROOT);
    for (int i = 0; i < header.size(); i++) {
      if (header.get(i).trim().toLowerCase(Locale.ROOT).equals(wanted)) {
        return i;
      }
    }
    return -1;
  }
}
