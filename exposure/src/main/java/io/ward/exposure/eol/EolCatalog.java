package io.ward.exposure.eol;

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
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * End-of-life dates of operating systems and platforms on medical devices (data file {@code
 * platforms.yaml}, each entry with its source), and the "end of life" findings they give.
 */
public final class EolCatalog {

  /**
   * One platform.
   *
   * @param id stable id, e.g. {@code windows-7}
   * @param name display name
   * @param match pattern tested against the device's operating-system text
   * @param securityEnd last day of public security updates, empty when no date is published
   * @param source where the date comes from
   */
  public record Platform(
      String id, String name, Pattern match, Optional<LocalDate> securityEnd, String source) {}

  private static final EolCatalog DEFAULTS = load();

  private final List<Platform> platforms;

  private EolCatalog(List<Platform> platforms) {
    this.platforms = List.copyOf(platforms);
  }

  /** The catalog shipped with Ward. */
  public static EolCatalog defaults() {
    return DEFAULTS;
  }

  /** A catalog read from YAML ({@code platforms: [{id, name, match, securityEnd, source}]}). */
  public static EolCatalog fromYaml(InputStream in) throws IOException {
    JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(in);
    List<Platform> out = new ArrayList<>();
    for (JsonNode p : root.path("platforms")) {
      String id = p.path("id").asText("");
      if (id.isBlank()
          || p.path("match").asText("").isBlank()
          || p.path("source").asText("").isBlank()) {
        throw new IOException("platform entry needs id, match and source: " + p);
      }
      Optional<LocalDate> end = Optional.empty();
      String date = p.path("securityEnd").asText("");
      if (!date.isBlank()) {
        try {
          end = Optional.of(LocalDate.parse(date));
        } catch (DateTimeParseException e) {
          throw new IOException("platform " + id + ": bad securityEnd " + date, e);
        }
      }
      out.add(
          new Platform(
              id,
              p.path("name").asText(id),
              Pattern.compile(p.path("match").asText(), Pattern.CASE_INSENSITIVE),
              end,
              p.path("source").asText()));
    }
    return new EolCatalog(out);
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
    String title =
        p.securityEnd()
            .map(d -> p.name() + " is end of life: no security updates since " + d)
            .orElse(p.name() + " is end of life (no end date published)");
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
            0.9,
            "operating system '" + os.get() + "' is " + p.name() + " (source: " + p.source() + ")");
    return Optional.of(
        new Finding(
            device.id() + "|ward-eol|" + p.id(),
            FindingKind.END_OF_LIFE,
            device.id(),
            "eol:" + p.id(),
            "ward-eol",
            title,
            FindingStatus.AFFECTED,
            Optional.empty(),
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
