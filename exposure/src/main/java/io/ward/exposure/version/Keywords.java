package io.ward.exposure.version;

import io.ward.exposure.version.Version.Component;
import io.ward.exposure.version.Version.Kind;
import java.util.Map;
import java.util.Optional;

/** The words that mark pre-releases and post-releases in device makers' version strings. */
final class Keywords {

  /** Pre-release words, earliest first; synonyms share a rank. */
  private static final Map<String, Integer> PRE =
      Map.ofEntries(
          Map.entry("dev", 0),
          Map.entry("snapshot", 1),
          Map.entry("alpha", 2),
          Map.entry("beta", 3),
          Map.entry("milestone", 4),
          Map.entry("preview", 5),
          Map.entry("pre", 6),
          Map.entry("rc", 7),
          Map.entry("cr", 7));

  /**
   * Post-release words mapped to one canonical word each. A single {@code b} is a build, as in
   * {@code 4.2.1-b17}: device makers number builds far more often than betas.
   */
  private static final Map<String, String> POST =
      Map.ofEntries(
          Map.entry("sp", "sp"),
          Map.entry("servicepack", "sp"),
          Map.entry("build", "build"),
          Map.entry("bld", "build"),
          Map.entry("b", "build"),
          Map.entry("patch", "patch"),
          Map.entry("p", "patch"),
          Map.entry("pl", "patch"),
          Map.entry("hotfix", "hotfix"),
          Map.entry("hf", "hotfix"),
          Map.entry("fix", "hotfix"),
          Map.entry("update", "update"),
          Map.entry("upd", "update"),
          Map.entry("u", "update"),
          Map.entry("rev", "rev"),
          Map.entry("r", "rev"),
          Map.entry("revision", "rev"),
          Map.entry("mr", "mr"),
          Map.entry("sr", "sr"),
          Map.entry("post", "post"),
          Map.entry("release", "release"),
          Map.entry("rel", "release"));

  private Keywords() {}

  /** The keyword component for a lower-case word, empty when it is an ordinary word. */
  static Optional<Component> classify(String word) {
    Integer pre = PRE.get(word);
    if (pre != null) {
      return Optional.of(new Component(Kind.PRE, pre, word.equals("cr") ? "rc" : word));
    }
    String post = POST.get(word);
    if (post != null) {
      return Optional.of(new Component(Kind.POST, 0, post));
    }
    return Optional.empty();
  }

  /**
   * True for a word that continues a version rather than starting one ({@code SP2}, {@code b17}).
   */
  static boolean isSuffix(String word) {
    return PRE.containsKey(word) || POST.containsKey(word);
  }
}
