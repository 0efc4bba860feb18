package dev.llmcap.config;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.yaml.snakeyaml.LoaderOptions;
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
  /** Largest configuration document read, in bytes (characters for YAML). */
  public static final int MAX_DOCUMENT_BYTES = 1_000_000;
  /** Deepest nesting of objects and arrays in a configuration document. */
  public static final int MAX_DEPTH = 32;
  /** Longest string value or field name in a configuration document. */
  public static final int MAX_STRING = 10_000;
  /** Longest number literal (digits, sign, point and exponent) in a configuration document. */
  public static final int MAX_NUMBER_LENGTH = 64;
  /** Bounds enforced while a configuration document is parsed, before any schema check sees it. */
  public static final StreamReadConstraints LIMITS = StreamReadConstraints.builder()
      .maxDocumentLength(MAX_DOCUMENT_BYTES).maxNestingDepth(MAX_DEPTH).maxStringLength(MAX_STRING)
      .maxNameLength(MAX_STRING).maxNumberLength(MAX_NUMBER_LENGTH).build();
  private static final ObjectMapper DOCUMENTS = documentReader(new ObjectMapper(
      JsonFactory.builder().streamReadConstraints(LIMITS).build()));
  private static final ObjectMapper YAML_DOCUMENTS = documentReader(new ObjectMapper(
      YAMLFactory.builder().streamReadConstraints(LIMITS).loaderOptions(yamlLimits()).build()));

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

  /** The shared reader of YAML configuration documents, with the same limits and strictness as {@link #documents()}. */
  public static ObjectMapper yamlDocuments() {
    return YAML_DOCUMENTS;
  }

  /**
   * Configures a mapper (JSON or YAML) to read configuration documents as {@link #documents()} does: duplicate keys,
   * trailing content and a second document are errors.
   */
  public static ObjectMapper documentReader(ObjectMapper mapper) {
    return mapper.enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
        .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  }

  private static LoaderOptions yamlLimits() {
    LoaderOptions o = new LoaderOptions();
    o.setCodePointLimit(MAX_DOCUMENT_BYTES);
    o.setNestingDepthLimit(MAX_DEPTH);
    o.setMaxAliasesForCollections(20);
    o.setAllowDuplicateKeys(false);
    return o;
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
