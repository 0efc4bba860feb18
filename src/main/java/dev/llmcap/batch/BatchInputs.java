package dev.llmcap.batch;

import dev.llmcap.config.Json;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Expands batch inputs into configurations, in a stable order: config files as given, folders recursively (*.json,
 * *.yaml, *.yml, sorted by path, hidden files skipped), JSONL files one config per non-blank line. An input that cannot
 * be read becomes a failed source, so it is reported as an error row rather than lost. JSONL files are read lazily,
 * line by line as bytes (split at LF only, so a stray CR never splits a line): a line that is not UTF-8 or is too long
 * is an error row with its line number, and memory does not grow with the number of lines.
 */
public final class BatchInputs {
  private BatchInputs() {}

  /** The configurations of all inputs, in input order (all read at once: for small inputs and tests). */
  public static List<ConfigSource> expand(List<String> inputs) {
    List<ConfigSource> out = new ArrayList<>();
    stream(inputs).forEachRemaining(out::add);
    return out;
  }

  /** The configurations of all inputs, in input order, read as they are consumed; the iterator closes files it opens. */
  public static Iterator<ConfigSource> stream(List<String> inputs) {
    return new Iterator<>() {
      private int next;
      private Iterator<ConfigSource> current = java.util.Collections.emptyIterator();

      @Override
      public boolean hasNext() {
        while (!current.hasNext()) {
          if (next >= inputs.size()) {
            return false;
          }
          current = open(inputs.get(next++));
        }
        return true;
      }

      @Override
      public ConfigSource next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return current.next();
      }
    };
  }

  /** How many configurations the inputs hold (for the progress bar; reads JSONL files once, as bytes). */
  public static long count(List<String> inputs) {
    long n = 0;
    for (Iterator<ConfigSource> it = stream(inputs); it.hasNext(); it.next()) {
      n++;
    }
    return n;
  }

  private static Iterator<ConfigSource> open(String input) {
    Path p;
    try {
      p = Path.of(input);
    } catch (java.nio.file.InvalidPathException e) {
      return List.of(ConfigSource.failed(input, dev.llmcap.config.InputLimits.echo(input) + ": not a valid file name")).iterator();
    }
    if (Files.isDirectory(p)) {
      return folder(p).iterator();
    } else if (!Files.exists(p)) {
      return List.of(ConfigSource.failed(input, input + ": input not found")).iterator();
    } else if (isJsonl(p)) {
      return new JsonlLines(p);
    } else {
      return List.of(ConfigSource.file(p)).iterator();
    }
  }

  static boolean isJsonl(Path p) {
    String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
    return n.endsWith(".jsonl") || n.endsWith(".ndjson");
  }

  private static boolean isConfig(Path p) {
    String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
    return !n.startsWith(".") && (n.endsWith(".json") || n.endsWith(".yaml") || n.endsWith(".yml"));
  }

  private static List<ConfigSource> folder(Path dir) {
    List<Path> files;
    try (Stream<Path> s = Files.walk(dir)) {
      files = s.filter(f -> Files.isRegularFile(f) && isConfig(f)).sorted().collect(Collectors.toList());
    } catch (IOException | java.io.UncheckedIOException e) {
      return List.of(ConfigSource.failed(dir.toString(), dir + ": cannot read folder: " + dev.llmcap.config.InputLimits.describe(e)));
    }
    List<ConfigSource> out = new ArrayList<>(files.size());
    files.forEach(f -> out.add(ConfigSource.file(f)));
    return out;
  }

  /** The non-blank lines of a JSONL file, one source each, read on demand. */
  private static final class JsonlLines implements Iterator<ConfigSource> {
    private final Path file;
    private InputStream in;
    private ConfigSource pending;
    private int lineNumber;
    private boolean finished;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    JsonlLines(Path file) {
      this.file = file;
    }

    @Override
    public boolean hasNext() {
      while (pending == null && !finished) {
        pending = readOne();
      }
      return pending != null;
    }

    @Override
    public ConfigSource next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      ConfigSource s = pending;
      pending = null;
      return s;
    }

    /** The next line as a source, null for a blank line (or the end, which sets finished). */
    private ConfigSource readOne() {
      try {
        if (in == null) {
          in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        }
        line.reset();
        boolean tooLong = false;
        int b;
        boolean any = false;
        while ((b = in.read()) != -1 && b != '\n') {
          any = true;
          if (line.size() < Json.MAX_DOCUMENT_BYTES) {
            line.write(b);
          } else {
            tooLong = true;
          }
        }
        if (b == -1 && !any) {
          close();
          return null;
        }
        if (b == -1) {
          close();
        }
        lineNumber++;
        if (tooLong) {
          return ConfigSource.failed(file + ":" + lineNumber, file + ":" + lineNumber + ": the line is longer than "
              + Json.MAX_DOCUMENT_BYTES + " bytes (one config per line, at most that long)");
        }
        String text = decode(line.toByteArray());
        if (text == null) {
          return ConfigSource.failed(file + ":" + lineNumber, file + ":" + lineNumber + ": the line is not valid UTF-8 text"
              + invalidAt(line.toByteArray()));
        }
        return text.isBlank() ? null : ConfigSource.line(file, lineNumber, text);
      } catch (IOException e) {
        close();
        lineNumber++;
        return ConfigSource.failed(file + ":" + lineNumber, file + ": cannot read: " + dev.llmcap.config.InputLimits.describe(e));
      }
    }

    private void close() {
      finished = true;
      if (in != null) {
        try {
          in.close();
        } catch (IOException e) {
          // nothing more is read from it
        }
      }
    }

    private static String decode(byte[] bytes) {
      CharsetDecoder d = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT);
      try {
        CharBuffer c = d.decode(ByteBuffer.wrap(bytes));
        return c.toString();
      } catch (CharacterCodingException e) {
        return null;
      }
    }

    private static String invalidAt(byte[] bytes) {
      CharsetDecoder d = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT);
      ByteBuffer buf = ByteBuffer.wrap(bytes);
      CharBuffer out = CharBuffer.allocate(bytes.length + 1);
      java.nio.charset.CoderResult r = d.decode(buf, out, true);
      return r.isError() ? String.format(Locale.ROOT, " (byte 0x%02X at byte %d of the line)", bytes[buf.position()] & 0xff, buf.position() + 1) : "";
    }
  }
}
