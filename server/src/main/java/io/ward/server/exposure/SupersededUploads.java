package io.ward.server.exposure;

import io.ward.exposure.feeds.SupersededBom;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What an imported file took out of force, in words for its job's message: the earlier copies of
 * its CycloneDX BOM it is a newer revision of, and how many VEX statements and components of each
 * no longer apply. A revision emptied of its analyses is how a maker withdraws a "not affected";
 * without this its job said "0 SBOMs, 0 VEX statements" and nothing of what went.
 */
final class SupersededUploads {

  private SupersededUploads() {}

  /**
   * The part of the message for the file {@code imported}, starting with {@code "; "}; empty when
   * it superseded nothing.
   *
   * @param superseded the copies out of force in the knowledge Ward holds after the import
   * @param uploadName the name a stored upload was given, when the file is one
   */
  static String describe(
      List<SupersededBom> superseded, Path imported, Function<Path, Optional<String>> uploadName) {
    Path here = normal(imported);
    return superseded.stream()
        .filter(s -> normal(Path.of(s.by())).equals(here))
        .filter(s -> !normal(Path.of(s.file())).equals(here))
        .map(s -> "; " + words(s, uploadName))
        .distinct()
        .collect(Collectors.joining());
  }

  private static String words(SupersededBom s, Function<Path, Optional<String>> uploadName) {
    Path file = Path.of(s.file());
    String earlier =
        uploadName
            .apply(normal(file))
            .map(name -> "the earlier upload " + name)
            .orElse("the copy in " + file);
    return "supersedes "
        + earlier
        + " ("
        + s.revision()
        + "): its "
        + count(s.statements(), "VEX statement")
        + " and "
        + count(s.components(), "component")
        + " are withdrawn";
  }

  private static String count(int n, String what) {
    return n + " " + what + (n == 1 ? "" : "s");
  }

  private static Path normal(Path p) {
    return p.toAbsolutePath().normalize();
  }
}
