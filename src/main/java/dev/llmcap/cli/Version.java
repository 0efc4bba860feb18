package dev.llmcap.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The version of this build (written into version.properties by Maven's resource filtering). */
final class Version {
  private Version() {}

  static String get() {
    try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
      if (in != null) {
        Properties p = new Properties();
        p.load(in);
        String v = p.getProperty("version");
        if (v != null && !v.isBlank() && !v.startsWith("${")) {
          return v;
        }
      }
    } catch (IOException e) {
      // fall through to the manifest
    }
    String v = Main.class.getPackage().getImplementationVersion();
    return v == null ? "unknown" : v;
  }
}
