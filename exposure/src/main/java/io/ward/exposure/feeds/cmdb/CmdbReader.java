package io.ward.exposure.feeds.cmdb;

import io.ward.exposure.feeds.FeedProblem;
import io.ward.exposure.feeds.FeedResult;
import io.ward.model.IpAddress;
import io.ward.model.MacAddress;
import io.ward.model.exposure.CmdbAsset;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a CMMS/CMDB CSV export (ServiceNow, Nuvolo, any tool) with a {@link CmdbMapping}: the first
 * record is the header; each later record becomes a {@link CmdbAsset}. Rows without any identifier
 * (asset tag, serial, MAC, IP, host name) are reported by line and dropped; a MAC or IP that does
 * not parse is reported and left out of an otherwise good row.
 */
public final class CmdbReader {

  private static final long MAX_FILE_BYTES = 256L * 1024 * 1024;

  private final CmdbMapping mapping;

  /** A reader for exports laid out as {@code mapping} says. */
  public CmdbReader(CmdbMapping mapping) {
    this.mapping = mapping;
  }

  /** Reads one export file. */
  public FeedResult<CmdbAsset> read(Path file) {
    CsvParser.Result csv;
    try {
      if (Files.size(file) > MAX_FILE_BYTES) {
        return FeedResult.failed(FeedProblem.error(file, "file too large for a CMDB export"));
      }
      if (binary(file)) {
        return FeedResult.failed(
            FeedProblem.error(file, "not a CSV export: binary content (NUL bytes)"));
      }
      // Exports from Windows tools are often windows-1252; decode UTF-8 strictly, else fall back.
      csv = parse(file, true);
    } catch (CharacterCodingException e) {
      try {
        csv = parse(file, false);
      } catch (CharacterCodingException e2) {
        return FeedResult.failed(
            FeedProblem.error(file, "not a CSV export: neither UTF-8 nor windows-1252 text"));
      } catch (IOException e2) {
        return FeedResult.failed(FeedProblem.error(file, "unreadable: " + e2.getMessage()));
      }
    } catch (IOException e) {
      return FeedResult.failed(FeedProblem.error(file, "unreadable: " + e.getMessage()));
    }
    List<FeedProblem> problems = new ArrayList<>();
    for (CsvParser.Error e : csv.errors()) {
      problems.add(FeedProblem.error(file, "line " + e.line(), e.message()));
    }
    if (csv.rows().isEmpty()) {
      problems.add(FeedProblem.error(file, "empty export: no header row"));
      return new FeedResult<>(List.of(), problems);
    }
    List<String> header = csv.rows().get(0).fields();
    Map<CmdbMapping.Field, Integer> columns = mapping.resolve(header);
    if (columns.isEmpty()) {
      problems.add(
          FeedProblem.error(
              file,
              "line 1",
              "no column of mapping '" + mapping.name() + "' in the header " + shown(header)));
      return new FeedResult<>(List.of(), problems);
    }
    for (CmdbMapping.Field field : mapping.columns().keySet()) {
      if (!columns.containsKey(field)) {
        problems.add(
            FeedProblem.warning(
                file,
                "line 1",
                "no column for " + field.key() + " " + mapping.columns().get(field)));
      }
    }
    List<CmdbAsset> assets = new ArrayList<>();
    for (CsvParser.Row row : csv.rows().subList(1, csv.rows().size())) {
      asset(row, header, columns, file, problems).ifPresent(assets::add);
    }
    return new FeedResult<>(assets, problems);
  }

  /** True when the first block holds a NUL byte, which no CSV text export has. */
  private static boolean binary(Path file) throws IOException {
    byte[] head = new byte[8192];
    int n;
    try (java.io.InputStream in = Files.newInputStream(file)) {
      n = in.readNBytes(head, 0, head.length);
    }
    for (int i = 0; i < n; i++) {
      if (head[i] == 0) {
        return true;
      }
    }
    return false;
  }

  /** A header as shown in a one-line message: control characters replaced, long lists cut. */
  static String shown(List<String> header) {
    String text = header.toString().replaceAll("\\p{Cntrl}", "?");
    return text.length() <= 200 ? text : text.substring(0, 200) + "…";
  }

  private CsvParser.Result parse(Path file, boolean utf8) throws IOException {
    try (Reader in =
        utf8
            ? new java.io.InputStreamReader(
                Files.newInputStream(file),
                StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT))
            : Files.newBufferedReader(file, java.nio.charset.Charset.forName("windows-1252"))) {
      return CsvParser.parse(in, mapping.delimiter());
    }
  }

  private Optional<CmdbAsset> asset(
      CsvParser.Row row,
      List<String> header,
      Map<CmdbMapping.Field, Integer> columns,
      Path file,
      List<FeedProblem> problems) {
    String at = "line " + row.line();
    if (row.fields().size() > header.size()) {
      problems.add(
          FeedProblem.warning(
              file,
              at,
              row.fields().size() + " fields for " + header.size() + " columns; extra ignored"));
    }
    Optional<MacAddress> mac = Optional.empty();
    Optional<String> macText = get(row, columns, CmdbMapping.Field.MAC);
    if (macText.isPresent()) {
      try {
        mac = Optional.of(MacAddress.parse(macText.get()));
      } catch (RuntimeException e) {
        problems.add(
            FeedProblem.warning(
                file, at, "MAC address '" + macText.get() + "' not understood, left out"));
      }
    }
    Optional<IpAddress> ip = Optional.empty();
    Optional<String> ipText = get(row, columns, CmdbMapping.Field.IP);
    if (ipText.isPresent()) {
      try {
        ip = Optional.of(IpAddress.parse(ipText.get()));
      } catch (RuntimeException e) {
        problems.add(
            FeedProblem.warning(
                file, at, "IP address '" + ipText.get() + "' not understood, left out"));
      }
    }
    Map<String, String> extra = new LinkedHashMap<>();
    for (int i = 0; i < header.size() && i < row.fields().size(); i++) {
      if (!columns.containsValue(i) && !row.fields().get(i).isBlank() && !header.get(i).isBlank()) {
        extra.putIfAbsent(header.get(i).trim(), row.fields().get(i).trim());
      }
    }
    try {
      return Optional.of(
          new CmdbAsset(
              get(row, columns, CmdbMapping.Field.ASSET_TAG),
              get(row, columns, CmdbMapping.Field.MANUFACTURER),
              get(row, columns, CmdbMapping.Field.MODEL),
              get(row, columns, CmdbMapping.Field.SERIAL),
              get(row, columns, CmdbMapping.Field.SOFTWARE_VERSION),
              get(row, columns, CmdbMapping.Field.DEPARTMENT),
              get(row, columns, CmdbMapping.Field.LOCATION),
              mac,
              ip,
              get(row, columns, CmdbMapping.Field.HOSTNAME),
              extra,
              file.toString(),
              row.line()));
    } catch (IllegalArgumentException e) {
      problems.add(FeedProblem.error(file, at, "row dropped: " + e.getMessage()));
      return Optional.empty();
    }
  }

  private static Optional<String> get(
      CsvParser.Row row, Map<CmdbMapping.Field, Integer> columns, CmdbMapping.Field field) {
    Integer index = columns.get(field);
    if (index == null || index >= row.fields().size()) {
      return Optional.empty();
    }
    String value = row.fields().get(index).trim();
    return value.isEmpty() ? Optional.empty() : Optional.of(value);
  }
}
