package io.ward.exposure.eol;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.ward.model.Device;
import io.ward.model.Evidence;
import io.ward.model.exposure.Finding;
import io.ward.model.exposure.FindingKind;
import io.ward.model.exposure.FindingStatus;
import io.ward.model.exposure.MatchReason;
import io.ward.model.exposure.MatchRule;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * End-of-life dates of operating systems and platforms on medical devices (data file {@code
 * platforms.yaml}, each entry with its source), and the "end of life" findings they give. A user
 * file in the same format ({@link #withUserEntries}) adds entries and overrides shipped ones of the
 * same id.
 */
public final class EolCatalog {

  /** The keys a platform entry may have; any other is a typo the loader reports. */
  private static final Set<String> KEYS =
      Set.of("id", "name", "match", "securityEnd", "source", "uncertain");

  /**
   * One platform.
   *
   * @param id stable id, e.g. {@code windows-7}
   * @param name display name
   * @param match pattern tested against the device's operating-system text
   * @param securityEnd last day of public security updates, empty when no date is published
   * @param source where the date comes from
   * @param uncertain why an operating-system text matching this entry only possibly runs an
   *     end-of-life platform (e.g. an edition name without a version); empty when the match is
   *     certain. Such findings are "possibly affected" with this reason.
   */
  public record Platform(
      String id,
      String name,
      Pattern match,
      Optional<LocalDate> securityEnd,
      String source,
      Optional<String> uncertain) {

    public Platform {
      java.util.Objects.requireNonNull(uncertain, "uncertain");
    }

    /** A platform whose match is certain. */
    public Platform(
        String id, String name, Pattern match, Optional<LocalDate> securityEnd, String source) {
      this(id, name, match, securityEnd, source, Optional.empty());
    }
  }

  private static final EolCatalog DEFAULTS = load();

  private final List<Platform> platforms;

  private EolCatalog(List<Platform> platforms) {
    this.platforms = List.copyOf(platforms);
  }

  /** The catalog shipped with Ward. */
  public static EolCatalog defaults() {
    return DEFAULTS;
  }

  /**
   * A catalog read from YAML ({@code platforms: [{id, name, match, securityEnd, source,
   * uncertain}]}).
   */
  public static EolCatalog fromYaml(InputStream in) throws IOException {
    try (Reader r = new java.io.InputStreamReader(in, StandardCharsets.UTF_8)) {
      return new EolCatalog(read(r, "platforms.yaml"));
    }
  }

  /**
   * A catalog read from a YAML file; a problem is reported as an {@link IOException} whose message
   * names the file and the line.
   */
  public static EolCatalog fromYaml(Path file) throws IOException {
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return new EolCatalog(read(r, file.toString()));
    }
  }

  /**
   * This catalog with a user's entries (a file in the format of {@code platforms.yaml}): they are
   * tried first, and one with the id of an entry of this catalog replaces it.
   *
   * @throws IOException when the file is unreadable or an entry is invalid; the message names the
   *     file and the line
   */
  public EolCatalog withUserEntries(Path file) throws IOException {
    List<Platform> user = fromYaml(file).platforms();
    Set<String> ids = new HashSet<>();
    user.forEach(p -> ids.add(p.id()));
    List<Platform> out = new ArrayList<>(user);
    for (Platform p : platforms) {
      if (!ids.contains(p.id())) {
        out.add(p);
      }
    }
    return new EolCatalog(out);
  }

  private static List<Platform> read(Reader reader, String file) throws IOException {
    YAMLFactory yaml = new YAMLFactory();
    ObjectMapper mapper = new ObjectMapper(yaml);
    List<Platform> out = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    try (JsonParser p = yaml.createParser(reader)) {
      JsonToken t = p.nextToken();
      if (t == null) {
        throw new IOException(file + ": empty; expected 'platforms:' with a list of entries");
      }
      if (t != JsonToken.START_OBJECT) {
        throw problem(file, p, "expected a mapping with the key 'platforms'");
      }
      boolean seen = false;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String key = p.currentName();
        int keyLine = p.currentTokenLocation().getLineNr();
        JsonToken value = p.nextToken();
        if (!key.equals("platforms")) {
          throw new IOException(
              file + " line " + keyLine + ": unknown key '" + key + "' (expected 'platforms')");
        }
        if (value != JsonToken.START_ARRAY) {
          throw problem(file, p, "'platforms' must be a list of entries");
        }
        seen = true;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
          if (t != JsonToken.START_OBJECT) {
            throw problem(file, p, "a platform entry must be a mapping (id, match, source…)");
          }
          String where = file + " line " + p.currentTokenLocation().getLineNr();
          Platform platform = platform(mapper.readTree(p), where);
          if (!ids.add(platform.id())) {
            throw new IOException(where + ": platform id '" + platform.id() + "' given twice");
          }
          out.add(platform);
        }
      }
      if (!seen) {
        throw new IOException(file + ": no 'platforms' list");
      }
    } catch (JsonProcessingException e) {
      throw new IOException(
          file
              + (e.getLocation() != null ? " line " + e.getLocation().getLineNr() : "")
              + ": not valid YAML: "
              + e.getOriginalMessage(),
          e);
    }
    return out;
  }

  private static IOException problem(String file, JsonParser p, String message) {
    return new IOException(file + " line " + p.currentTokenLocation().getLineNr() + ": " + message);
  }

  private static Platform platform(JsonNode p, String where) throws IOException {
    for (Iterator<String> it = p.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!KEYS.contains(key)) {
        throw new IOException(where + ": unknown key '" + key + "' (allowed: " + KEYS + ")");
      }
    }
    String id = p.path("id").asText("");
    for (String required : List.of("id", "match", "source")) {
      if (!p.path(required).isValueNode() || p.path(required).asText("").isBlank()) {
        throw new IOException(
            where
                + (id.isBlank() ? "" : ": platform " + id)
                + ": needs '"
                + required
                + "' (every entry needs id, match and source)");
      }
    }
    Optional<LocalDate> end = Optional.empty();
    String date = p.path("securityEnd").asText("");
    if (!date.isBlank()) {
      try {
        end = Optional.of(LocalDate.parse(date));
      } catch (DateTimeParseException e) {
        throw new IOException(
            where + ": platform " + id + ": securityEnd '" + date + "' is not a YYYY-MM-DD date",
            e);
      }
    }
    Pattern match;
    try {
      match = Pattern.compile(p.path("match").asText(), Pattern.CASE_INSENSITIVE);
    } catch (PatternSyntaxException e) {
      throw new IOException(
          where + ": platform " + id + ": match is not a regular expression: " + e.getDescription(),
          e);
    }
    String uncertain = p.path("uncertain").asText("");
    return new Platform(
        id,
        p.path("name").asText(id),
        match,
        end,
        p.path("source").asText(),
        uncertain.isBlank() ? Optional.empty() : Optional.of(uncertain));
  }

  /** Every platform, in matching order. */
  public List<Platform> platforms() {
    return platforms;
  }

  /** The first platform whose pattern finds the text. */
  public Optional<Platform> find(String osText) {
    for (Platform p : platforms) {
      if (p.match().matcher(osText).find()) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  /** The end-of-life finding of a device whose operating system is past its security end. */
  public Optional<Finding> finding(Device device, LocalDate today) {
    Optional<String> os = device.os();
    if (os.isEmpty()) {
      return Optional.empty();
    }
    Optional<Platform> platform = find(os.get());
    if (platform.isEmpty()) {
      return Optional.empty();
    }
    Platform p = platform.get();
    if (p.securityEnd().isPresent() && !today.isAfter(p.securityEnd().get())) {
      return Optional.empty();
    }
    String verdict = p.uncertain().isPresent() ? " is likely end of life" : " is end of life";
    String title =
        p.securityEnd()
            .map(d -> p.name() + verdict + ": no security updates since " + d)
            .orElse(p.name() + verdict + " (no end date published)");
    List<Evidence> evidence =
        device.evidence().stream().filter(e -> e.attribute().equals("os")).toList();
    MatchReason why =
        new MatchReason(
            "ward-eol",
            Optional.of(p.id()),
            p.name(),
            MatchRule.LIFECYCLE,
            p.securityEnd().map(d -> "security updates ended " + d),
            "os",
            os.get(),
            evidence,
            p.uncertain().isPresent() ? 0.5 : 0.9,
            "operating system '" + os.get() + "' is " + p.name() + " (source: " + p.source() + ")");
    return Optional.of(
        new Finding(
            device.id() + "|ward-eol|" + p.id(),
            FindingKind.END_OF_LIFE,
            device.id(),
            "eol:" + p.id(),
            "ward-eol",
            title,
            p.uncertain().isPresent() ? FindingStatus.POSSIBLY_AFFECTED : FindingStatus.AFFECTED,
            p.uncertain(),
            why));
  }

  private static EolCatalog load() {
    try (InputStream in = EolCatalog.class.getResourceAsStream("platforms.yaml")) {
      if (in == null) {
        throw new IllegalStateException("platforms.yaml missing from the classpath");
      }
      return fromYaml(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
