package dev.llmcap.config;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Where each value and each field name of a JSON or YAML document starts (line and column, 1-based), by dotted path
 * ("workload.requests_per_second"; array items by index), so schema errors can point into the file.
 */
public final class SourceMap {
  /** A 1-based line and column in the source file. */
  public record Position(int line, int column) {
    @Override
    public String toString() {
      return line + ":" + column;
    }
  }

  private static final SourceMap EMPTY = new SourceMap();
  private final Map<String, Position> values = new HashMap<>();
  private final Map<String, Position> keys = new HashMap<>();

  private SourceMap() {}

  /** A map that knows no positions (for documents built from flags). */
  public static SourceMap empty() {
    return EMPTY;
  }

  /** Reads the positions of a document that is known to parse; a document that does not parse gives an empty map. */
  public static SourceMap of(JsonFactory factory, byte[] content) {
    SourceMap map = new SourceMap();
    try (JsonParser p = factory.createParser(content)) {
      if (p.nextToken() != null) {
        map.walk(p, "");
      }
    } catch (IOException e) {
      return EMPTY;
    }
    return map;
  }

  private void walk(JsonParser p, String path) throws IOException {
    values.put(path, position(p.currentTokenLocation()));
    JsonToken t = p.currentToken();
    if (t == JsonToken.START_OBJECT) {
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String child = join(path, p.currentName());
        keys.put(child, position(p.currentTokenLocation()));
        p.nextToken();
        walk(p, child);
      }
    } else if (t == JsonToken.START_ARRAY) {
      int i = 0;
      while (p.nextToken() != JsonToken.END_ARRAY) {
        walk(p, join(path, Integer.toString(i++)));
      }
    }
  }

  private static String join(String path, String name) {
    return path.isEmpty() ? name : path + "." + name;
  }

  private static Position position(JsonLocation loc) {
    return new Position(Math.max(1, loc.getLineNr()), Math.max(1, loc.getColumnNr()));
  }

  /**
   * The position of a path: of its field name when atKey (an unknown field), else of its value; a path that is not in
   * the document (a missing required field) falls back to its closest ancestor. Null when nothing is known.
   */
  public Position find(String path, boolean atKey) {
    if (atKey && keys.containsKey(path)) {
      return keys.get(path);
    }
    String p = path;
    while (true) {
      Position v = values.get(p);
      if (v != null) {
        return v;
      }
      if (p.isEmpty()) {
        return null;
      }
      int dot = p.lastIndexOf('.');
      p = dot < 0 ? "" : p.substring(0, dot);
    }
  }
}
