package dev.llmcap.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/** Where each input of a mode came from, listed in schema order: config FILE, flag --NAME, default (assumption NAME) or not set. */
public final class InputSources {
  private InputSources() {}

  /** Every field of the mode's schema with its source; fields nobody set are "not set". */
  public static Map<String, String> complete(String mode, Map<String, String> known) {
    Map<String, String> out = new LinkedHashMap<>();
    if (SchemaValidator.hasSchema(mode)) {
      walk(SchemaValidator.rawSchema(mode), "", known, out);
    }
    known.forEach(out::putIfAbsent);
    return out;
  }

  private static void walk(JsonNode schema, String prefix, Map<String, String> known, Map<String, String> out) {
    Iterator<Map.Entry<String, JsonNode>> it = schema.path("properties").fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      String path = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
      if (e.getValue().has("properties")) {
        walk(e.getValue(), path, known, out);
      } else {
        out.put(path, known.getOrDefault(path, "not set"));
      }
    }
  }
}
