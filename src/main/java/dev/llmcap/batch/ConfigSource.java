package dev.llmcap.batch;

import java.nio.file.Path;

/**
 * One configuration of a batch, not yet parsed: a whole file, one line of a JSONL file, or an input that could not be
 * read (then error says why). source names it in the results (file, or file:line).
 */
public record ConfigSource(String source, Path file, String line, String error) {
  /** A config file (JSON or YAML). */
  public static ConfigSource file(Path file) {
    return new ConfigSource(file.toString(), file, null, null);
  }

  /** One line of a JSONL file. */
  public static ConfigSource line(Path file, int lineNumber, String text) {
    return new ConfigSource(file + ":" + lineNumber, null, text, null);
  }

  /** An input that yields no configuration (missing file, unreadable folder). */
  public static ConfigSource failed(String source, String error) {
    return new ConfigSource(source, null, null, error);
  }
}
