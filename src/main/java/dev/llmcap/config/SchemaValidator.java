package dev.llmcap.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Validates a request (from a config file, flags or both) against the JSON Schema of its mode (draft 2020-12, in
 * src/main/resources/schemas), turning each schema error into one actionable line: field, bad value, allowed values.
 */
public final class SchemaValidator {
  private static final Map<String, JsonNode> RAW = new ConcurrentHashMap<>();
  private static final Map<String, Schema> SCHEMAS = new ConcurrentHashMap<>();
  /** Whether a mode (of at most 32 letters) has a schema, looked up once per mode (a batch asks once per config). */
  private static final Map<String, Boolean> HAS_SCHEMA = new ConcurrentHashMap<>();
  /** A mode name as a schema file can be named (compiled once: every config line of a batch asks). */
  private static final java.util.regex.Pattern MODE_NAME = java.util.regex.Pattern.compile("[a-z]+");

  private SchemaValidator() {}

  /** The schema document of a mode ("inference" or "training") as a JSON tree. */
  public static JsonNode rawSchema(String mode) {
    return RAW.computeIfAbsent(mode, m -> {
      String resource = "/schemas/" + m + "-config.schema.json";
      try (InputStream in = SchemaValidator.class.getResourceAsStream(resource)) {
        if (in == null) {
          throw new IllegalStateException("schema resource missing: " + resource);
        }
        return new ObjectMapper().readTree(in);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }

  private static Schema schema(String mode) {
    return SCHEMAS.computeIfAbsent(mode,
        m -> SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(rawSchema(m)));
  }

  /**
   * One schema problem: the dotted path it is about (for an unknown field, the field itself, atKey; for a missing one,
   * the object that lacks it) and the one-line message.
   */
  public record Problem(String path, boolean atKey, String message) {}

  /** Whether a schema exists for a mode (training appears once its schema is checked in). */
  public static boolean hasSchema(String mode) {
    if (!MODE_NAME.matcher(mode).matches()) {
      return false;
    }
    if (mode.length() > 32) { // not remembered: a batch of hostile lines must not grow the map
      return SchemaValidator.class.getResource("/schemas/" + mode + "-config.schema.json") != null;
    }
    return HAS_SCHEMA.computeIfAbsent(mode, m -> SchemaValidator.class.getResource("/schemas/" + m + "-config.schema.json") != null);
  }

  /** All problems of the document, one line each, sorted; empty when valid. */
  public static List<String> validate(String mode, JsonNode document) {
    TreeSet<String> lines = new TreeSet<>();
    for (Problem p : problems(mode, document)) {
      lines.add(p.message());
    }
    return new ArrayList<>(lines);
  }

  /** All problems of the document with the path each is about, in the validator's order, duplicates removed. */
  public static List<Problem> problems(String mode, JsonNode document) {
    java.util.LinkedHashSet<Problem> out = new java.util.LinkedHashSet<>();
    for (Error e : schema(mode).validate(document)) {
      out.add(problem(mode, e));
    }
    return new ArrayList<>(out);
  }

  private static Problem problem(String mode, Error e) {
    List<String> segments = segments(e.getInstanceLocation().toString());
    String path = String.join(".", segments);
    String keyword = e.getKeyword() == null ? "" : e.getKeyword();
    if ("additionalProperties".equals(keyword)) {
      return new Problem(path.isEmpty() ? e.getProperty() : path + "." + e.getProperty(), true, describe(mode, e));
    }
    return new Problem(path, false, describe(mode, e));
  }

  private static String describe(String mode, Error e) {
    List<String> segments = segments(e.getInstanceLocation().toString());
    String path = String.join(".", segments);
    JsonNode value = e.getInstanceNode();
    String got = value == null ? "" : " (got " + InputLimits.echo(value) + ")";
    JsonNode limit = e.getSchemaNode();
    String keyword = e.getKeyword() == null ? "" : e.getKeyword();
    String prefix = path.isEmpty() ? "" : path + ".";
    if ("workload".equals(path) && e.getEvaluationPath().toString().contains("anyOf")) {
      return WORKLOAD_RATE_OR_USERS; // one line for the two alternatives the validator reports separately
    }
    switch (keyword) {
      case "exclusiveMinimum": return path + " must be > " + limit.asText() + got;
      case "minimum": return path + " must be >= " + limit.asText() + got;
      case "exclusiveMaximum": return path + " must be < " + limit.asText() + got;
      case "maximum": return path + " must be <= " + limit.asText() + got;
      case "enum": return path + " must be one of " + join(limit) + got + (SUGGESTED_ENUMS.contains(path) ? enumSuggestion(value, limit) : "");
      case "const": return path + " must be " + limit + got;
      case "type": return path + " must be " + typeName(limit.asText()) + got;
      case "required": return prefix + e.getProperty() + " is required" + flagHint(mode, prefix + e.getProperty());
      case "additionalProperties": return prefix + InputLimits.echo(e.getProperty()) + " is not a known field" + suggestion(mode, segments, e.getProperty());
      case "minLength": return path + " must not be empty";
      case "maxLength": return path + " is too long (at most " + limit.asText() + " characters)";
      case "anyOf": return "workload".equals(path) ? WORKLOAD_RATE_OR_USERS : path + " needs model_name, model_size_billions or config_path";
      default: return (path.isEmpty() ? "config" : path) + ": " + InputLimits.echo(InputLimits.clean(e.getMessage()));
    }
  }

  /** " (flag --epochs)" when a command-line flag sets the field, so a user of flags alone sees what to add. */
  private static String flagHint(String mode, String field) {
    Map<String, FlagBinding.Target> flags = "training".equals(mode) ? FlagBinding.training() : FlagBinding.inference();
    for (Map.Entry<String, FlagBinding.Target> f : flags.entrySet()) {
      if (f.getValue().path().equals(field)) {
        return " (flag --" + f.getKey() + ")";
      }
    }
    return "";
  }

  private static List<String> segments(String jsonPath) {
    List<String> out = new ArrayList<>();
    for (String s : jsonPath.replaceFirst("^\\$", "").split("[./]")) {
      if (!s.isEmpty()) {
        out.add(s);
      }
    }
    return out;
  }

  private static String typeName(String type) {
    switch (type) {
      case "integer": return "a whole number";
      case "number": return "a number";
      case "string": return "a string";
      case "boolean": return "true or false";
      case "object": return "an object";
      default: return type;
    }
  }

  private static String join(JsonNode array) {
    List<String> items = new ArrayList<>();
    array.forEach(n -> items.add(n.isTextual() ? n.asText() : n.toString()));
    return String.join("|", items);
  }

  /** The workload's rate: an open-loop request rate or closed-loop users. */
  private static final String WORKLOAD_RATE_OR_USERS =
      "workload needs requests_per_second (req/s > 0, open loop) or concurrency (1-100000 users, closed loop; with think_time_s >= 0)";

  /** Enum fields whose misspelt values get a "did you mean" (the cloud and pricing model, issue #12). */
  private static final java.util.Set<String> SUGGESTED_ENUMS = java.util.Set.of("service.cloud_provider", "service.pricing");

  /** "did you mean" for a misspelt text value of an enum field (reserved-2y -> reserved-1y, awz -> aws), or nothing. */
  private static String enumSuggestion(JsonNode value, JsonNode allowed) {
    if (value == null || !value.isTextual() || allowed == null || !allowed.isArray()) {
      return "";
    }
    List<String> names = new ArrayList<>();
    allowed.forEach(n -> {
      if (n.isTextual()) {
        names.add(n.asText());
      }
    });
    return closest(value.asText(), names).map(n -> "; did you mean '" + n + "'?").orElse("");
  }

  /** "did you mean" for an unknown field: the closest known field at that place by edit distance. */
  private static String suggestion(String mode, List<String> segments, String bad) {
    JsonNode node = rawSchema(mode);
    for (String s : segments) {
      node = node.path("properties").path(s);
    }
    List<String> known = new ArrayList<>();
    node.path("properties").fieldNames().forEachRemaining(known::add);
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String k : known) {
      int d = editDistance(bad, k);
      if (d < bestDistance) {
        bestDistance = d;
        best = k;
      }
    }
    if (best != null && bestDistance <= Math.max(2, bad.length() / 3)) {
      return "; did you mean '" + best + "'?";
    }
    return known.isEmpty() ? "" : "; known fields: " + String.join(", ", known);
  }

  /** The name closest to a misspelt one (case-insensitive edit distance), when it is close enough to suggest. */
  public static java.util.Optional<String> closest(String bad, java.util.Collection<String> names) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    String b = bad.toLowerCase(java.util.Locale.ROOT);
    for (String n : names) {
      int d = editDistance(b, n.toLowerCase(java.util.Locale.ROOT));
      if (d < bestDistance) {
        bestDistance = d;
        best = n;
      }
    }
    return best != null && bestDistance <= Math.max(2, bad.length() / 3) ? java.util.Optional.of(best) : java.util.Optional.empty();
  }

  /** Levenshtein distance between two names (for "did you mean" suggestions). */
  public static int editDistance(String a, String b) {
    return org.apache.commons.text.similarity.LevenshteinDistance.getDefaultInstance().apply(a, b);
  }

  /**
   * Rewrites text values of enum fields to the schema's spelling when they match case-insensitively
   * (fp8 -> FP8, adamw -> AdamW, PROD -> prod), so users need not remember the case.
   */
  public static void canonicaliseEnums(String mode, JsonNode document) {
    canonicalise(rawSchema(mode), document);
  }

  /** A copy of a request with its enum values spelled as the mode's schema spells them. */
  public static dev.llmcap.model.PlanRequest canonicalCopy(String mode, dev.llmcap.model.PlanRequest raw) {
    com.fasterxml.jackson.databind.ObjectMapper mapper = Json.shared();
    JsonNode tree = mapper.valueToTree(raw);
    canonicaliseEnums(mode, tree);
    return mapper.convertValue(tree, dev.llmcap.model.PlanRequest.class);
  }

  private static void canonicalise(JsonNode schema, JsonNode node) {
    if (!(node instanceof com.fasterxml.jackson.databind.node.ObjectNode)) {
      return;
    }
    com.fasterxml.jackson.databind.node.ObjectNode obj = (com.fasterxml.jackson.databind.node.ObjectNode) node;
    JsonNode props = schema.path("properties");
    List<String> names = new ArrayList<>();
    obj.fieldNames().forEachRemaining(names::add);
    for (String name : names) {
      JsonNode fieldSchema = props.path(name);
      JsonNode value = obj.get(name);
      if (value.isTextual() && fieldSchema.path("enum").isArray()) {
        for (JsonNode allowed : fieldSchema.path("enum")) {
          if (allowed.isTextual() && allowed.asText().equalsIgnoreCase(value.asText())) {
            obj.put(name, allowed.asText());
          }
        }
      } else if (value.isObject()) {
        canonicalise(fieldSchema, value);
      }
    }
  }
}
