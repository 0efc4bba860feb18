package dev.llmcap.batch;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Expands batch inputs into configurations, in a stable order: config files as given, folders recursively (*.json,
 * *.yaml, *.yml, sorted by path, hidden files skipped), JSONL files one config per non-blank line. An input that cannot
 * be read becomes a failed source, so it is reported as an error row rather than lost.
 */
public final class BatchInputs {
  private BatchInputs() {}

  /** The configurations of all inputs, in input order. */
  public static List<ConfigSource> expand(List<String> inputs) {
    List<ConfigSource> out = new ArrayList<>();
    for (String input : inputs) {
      Path p = Path.of(input);
      if (Files.isDirectory(p)) {
        folder(p, out);
      } else if (!Files.exists(p)) {
        out.add(ConfigSource.failed(input, input + ": input not found"));
      } else if (isJsonl(p)) {
        jsonl(p, out);
      } else {
        out.add(ConfigSource.file(p));
      }
    }
    return out;
  }

  static boolean isJsonl(Path p) {
    String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
    return n.endsWith(".jsonl") || n.endsWith(".ndjson");
  }

  private static boolean isConfig(Path p) {
    String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
    return !n.startsWith(".") && (n.endsWith(".json") || n.endsWith(".yaml") || n.endsWith(".yml"));
  }

  private static void folder(Path dir, List<ConfigSource> out) {
    List<Path> files;
    try (Stream<Path> s = Files.walk(dir)) {
      files = s.filter(f -> Files.isRegularFile(f) && isConfig(f)).sorted().collect(Collectors.toList());
    } catch (IOException | java.io.UncheckedIOException e) {
      out.add(ConfigSource.failed(dir.toString(), dir + ": cannot read folder: " + e.getMessage()));
      return;
    }
    files.forEach(f -> out.add(ConfigSource.file(f)));
  }

  private static void jsonl(Path file, List<ConfigSource> out) {
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      int n = 0;
      while ((line = r.readLine()) != null) {
        n++;
        if (!line.isBlank()) {
          out.add(ConfigSource.line(file, n, line));
        }
      }
    } catch (IOException e) {
      out.add(ConfigSource.failed(file.toString(), file + ": cannot read: " + e.getMessage()));
    }
  }
}
