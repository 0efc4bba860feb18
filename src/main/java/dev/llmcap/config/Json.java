package dev.llmcap.config;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** The one Jackson configuration of llmcap: snake_case names, nulls left out, stable key order, pretty output. */
public final class Json {
  private static final ObjectMapper SHARED = mapper();
  private static final ObjectMapper DOCUMENTS = documentReader(new ObjectMapper());

  private Json() {}

  /**
   * The shared, configured mapper (thread-safe; its serializer caches stay warm across plans): for callers that only read
   * and write with it, never reconfigure it.
   */
  public static ObjectMapper shared() {
    return SHARED;
  }

  /**
   * The shared reader of configuration documents: duplicate keys are errors and decimals stay exact (so a value is
   * reported as the user wrote it).
   */
  public static ObjectMapper documents() {
    return DOCUMENTS;
  }

  /** Configures a mapper (JSON or YAML) to read configuration documents as {@link #documents()} does. */
  public static ObjectMapper documentReader(ObjectMapper mapper) {
    return mapper.enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
        .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
  }

  /** A new mapper with llmcap's configuration, for callers that change its settings. */
  public static ObjectMapper mapper() {
    return new ObjectMapper()
        .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
        .setSerializationInclusion(JsonInclude.Include.NON_NULL)
        .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
        .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true)
        .enable(SerializationFeature.INDENT_OUTPUT);
  }

  /** A copy of the tree without null-valued fields (so absent optional fields are not schema errors). */
  public static JsonNode withoutNulls(JsonNode node) {
    if (node instanceof ObjectNode) {
      ObjectNode copy = ((ObjectNode) node).deepCopy();
      List<String> drop = new ArrayList<>();
      Iterator<String> names = copy.fieldNames();
      while (names.hasNext()) {
        String n = names.next();
        if (copy.get(n).isNull()) {
          drop.add(n);
        } else {
          copy.set(n, withoutNulls(copy.get(n)));
        }
      }
      copy.remove(drop);
      return copy;
    }
    return node;
  }
}
