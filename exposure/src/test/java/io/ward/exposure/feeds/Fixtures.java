package io.ward.exposure.feeds;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;

/** Crafted test fixtures under {@code src/test/resources/io/ward/exposure/feeds/}. */
public final class Fixtures {

  private Fixtures() {}

  /** The fixture at {@code relative} (e.g. {@code nvd/nvd-cves-2.0-page.json}). */
  public static Path path(String relative) {
    URL url = Fixtures.class.getResource(relative);
    if (url == null) {
      throw new IllegalArgumentException("no fixture " + relative);
    }
    try {
      return Path.of(url.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(e);
    }
  }
}
