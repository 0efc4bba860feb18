package dev.llmcap.cli;

import java.util.Map;

/**
 * Whether output may be coloured: only on a terminal, and never with NO_COLOR set (no-color.org), TERM=dumb or
 * --no-color. The styles themselves come from JLine ({@code AttributedStyle}).
 */
final class Colour {
  private Colour() {}

  static boolean allowed(boolean tty, Map<String, String> env, boolean noColourFlag) {
    String noColor = env.get("NO_COLOR");
    String term = env.get("TERM");
    return tty && !noColourFlag && (noColor == null || noColor.isEmpty()) && !"dumb".equals(term);
  }
}
