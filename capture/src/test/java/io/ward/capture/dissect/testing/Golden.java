package io.ward.capture.dissect.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.ward.model.Endpoint;
import io.ward.model.Observation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Golden files: the expected observations of a real capture as JSON (one object per line) in {@code
 * src/test/resources/<test package>/<name>.json}. Regenerate deliberately with {@code
 * -Dward.golden.update=true} and review the diff.
 */
public final class Golden {
  private Golden() {}

  /** Asserts that {@code observations} match the golden file beside {@code testClass}. */
  public static void assertMatches(
      Class<?> testClass, String name, List<Observation> observations) {
    String actual = toJson(observations);
    String resource = testClass.getPackageName().replace('.', '/') + "/" + name + ".json";
    Path source = Path.of("src/test/resources").resolve(resource);
    try {
      if (Boolean.getBoolean("ward.golden.update")) {
        Files.createDirectories(source.getParent());
        Files.writeString(source, actual, StandardCharsets.UTF_8);
      }
      assertThat(source).as("golden file (create with -Dward.golden.update=true)").exists();
      assertThat(actual).isEqualTo(Files.readString(source, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The stable JSON form: an array with one observation object per line. */
  public static String toJson(List<Observation> observations) {
    StringBuilder sb = new StringBuilder("[\n");
    for (int i = 0; i < observations.size(); i++) {
      Observation o = observations.get(i);
      Endpoint s = o.subject();
      sb.append("  {\"epochNanos\": ").append(o.epochNanos());
      s.mac().ifPresent(m -> sb.append(", \"mac\": ").append(quote(m.toString())));
      s.ip().ifPresent(ip -> sb.append(", \"ip\": ").append(quote(ip.toString())));
      sb.append(", \"vlan\": ").append(s.vlan());
      sb.append(", \"field\": ").append(quote(o.field()));
      sb.append(", \"value\": ").append(quote(o.value())).append('}');
      sb.append(i + 1 < observations.size() ? ",\n" : "\n");
    }
    return sb.append("]\n").toString();
  }

  private static String quote(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        sb.append('\\').append(c);
      } else if (c < 0x20 || c == 0x7f) {
        sb.append(String.format("\\u%04x", (int) c));
      } else {
        sb.append(c);
      }
    }
    return sb.append('"').toString();
  }
}
