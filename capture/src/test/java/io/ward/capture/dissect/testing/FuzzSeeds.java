package io.ward.capture.dissect.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Loads the seed corpus of a Jazzer fuzz test from its resource directory, for property tests. */
public final class FuzzSeeds {
  private FuzzSeeds() {}

  /** Every file in {@code <FuzzTestClass>Inputs/<method>/}, sorted by name. */
  public static List<byte[]> load(Class<?> fuzzTest, String method) {
    String dir = fuzzTest.getSimpleName() + "Inputs/" + method;
    URL url = fuzzTest.getResource(dir);
    if (url == null) {
      throw new IllegalStateException("no seed directory " + dir);
    }
    try (Stream<Path> files = Files.list(Path.of(url.toURI()))) {
      List<byte[]> seeds = new ArrayList<>();
      for (Path p : files.sorted().toList()) {
        seeds.add(Files.readAllBytes(p));
      }
      return List.copyOf(seeds);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
