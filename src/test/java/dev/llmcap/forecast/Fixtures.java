package dev.llmcap.forecast;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;

/** Locates the test fixtures under src/test/resources/forecast. */
final class Fixtures {
  private Fixtures() {}

  static Path path(String name) {
    URL url = Fixtures.class.getResource("/forecast/" + name);
    if (url == null) {
      throw new IllegalStateException("missing fixture " + name);
    }
    try {
      return Path.of(url.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
