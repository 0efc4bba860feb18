package dev.llmcap.config;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Template configurations for --generate-config: the requirements' example config of a mode (templates/), fitted to
 * the mode's schema as found at run time (fields the schema does not know are dropped, required ones it lacks are
 * filled from the schema's examples, defaults or bounds) and checked against that schema.
 */
public final class ConfigTemplate {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final String mode;
  private final ObjectNode document;
  private final byte[] verbatim;

  private ConfigTemplate(String mode, ObjectNode document, byte[] verbatim) {
    this.mode = mode;
    this.document = document;
    this.verbatim = verbatim;
  }

  /** The template of a mode; an InputException when the build has no schema for it. */
  public static ConfigTemplate of(String mode) throws InputException {
    if (!"inference".equals(mode) && !"training".equals(mode)) {
      throw new InputException("--generate-config must be one of inference|training (got \"" + mode + "\")");
    }
    if (!SchemaValidator.hasSchema(mode)) {
      throw new InputException("--generate-config " + mode + ": this build has no " + mode + " schema ("
          + "schemas/" + mode + "-config.schema.json), so there is no " + mode + " template yet");
    }
    JsonNode schema = SchemaValidator.rawSchema(mode);
    byte[] seedBytes = resource("/templates/" + mode + "_config.json");
    JsonNode seed;
    try {
      seed = seedBytes == null ? JsonNodeFactory.instance.objectNode() : MAPPER.readTree(seedBytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ObjectNode fitted = (ObjectNode) fit(schema, schema, seed);
    if (schema.path("properties").has("mode") && !fitted.has("mode")) {
      ObjectNode withMode = JsonNodeFactory.instance.objectNode().put("mode", mode);
      withMode.setAll(fitted);
      fitted = withMode;
    }
    List<String> problems = SchemaValidator.validate(mode, fitted);
    if (!problems.isEmpty()) {
      throw new IllegalStateException("the " + mode + " template does not validate against its schema: " + problems);
    }
    return new ConfigTemplate(mode, fitted, fitted.equals(seed) ? seedBytes : null);
  }

  /** The template as a JSON tree. */
  public ObjectNode document() {
    return document;
  }

  /** Pretty JSON (the example config byte for byte when the schema took it unchanged). */
  public String json() {
    if (verbatim != null) {
      return new String(verbatim, StandardCharsets.UTF_8);
    }
    return prettyJson(document);
  }

  /** A config document as pretty JSON in the style of the requirements' examples ("key": value, two-space indent). */
  public static String prettyJson(JsonNode doc) {
    DefaultPrettyPrinter printer = new DefaultPrettyPrinter(
        Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER));
    printer.indentArraysWith(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE);
    try {
      return MAPPER.writer(printer).writeValueAsString(doc) + "\n";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** YAML with each field commented by its schema description and allowed values. */
  public String yaml() {
    StringBuilder b = new StringBuilder();
    JsonNode schema = SchemaValidator.rawSchema(mode);
    b.append("# llmcap ").append(mode).append(" configuration. ").append(schema.path("description").asText("")).append('\n');
    b.append("# run: llmcap --config THIS_FILE   (flags given too override these values)\n");
    yaml(b, schema, schema, document, "");
    return b.toString();
  }

  private static void yaml(StringBuilder b, JsonNode root, JsonNode schema, JsonNode node, String indent) {
    Iterator<Map.Entry<String, JsonNode>> it = node.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode fieldSchema = resolve(root, schema.path("properties").path(e.getKey()));
      String comment = comment(fieldSchema);
      if (!comment.isEmpty()) {
        b.append(indent).append("# ").append(comment).append('\n');
      }
      if (e.getValue().isObject()) {
        b.append(indent).append(e.getKey()).append(":\n");
        yaml(b, root, fieldSchema, e.getValue(), indent + "  ");
      } else {
        b.append(indent).append(e.getKey()).append(": ").append(e.getValue().toString()).append('\n');
      }
    }
  }

  /** "description; allowed values" of one field, from its schema. */
  static String comment(JsonNode s) {
    List<String> parts = new ArrayList<>();
    if (s.has("description")) {
      parts.add(s.get("description").asText());
    }
    if (s.has("enum")) {
      List<String> items = new ArrayList<>();
      s.get("enum").forEach(v -> items.add(v.isTextual() ? v.asText() : v.toString()));
      parts.add("one of " + String.join("|", items));
    }
    List<String> range = new ArrayList<>();
    if (s.has("exclusiveMinimum")) {
      range.add("> " + s.get("exclusiveMinimum").asText());
    }
    if (s.has("minimum")) {
      range.add(">= " + s.get("minimum").asText());
    }
    if (s.has("exclusiveMaximum")) {
      range.add("< " + s.get("exclusiveMaximum").asText());
    }
    if (s.has("maximum")) {
      range.add("<= " + s.get("maximum").asText());
    }
    if (!range.isEmpty()) {
      parts.add(String.join(", ", range));
    }
    return String.join("; ", parts);
  }

  private static JsonNode fit(JsonNode root, JsonNode schemaIn, JsonNode value) {
    JsonNode schema = resolve(root, schemaIn);
    if (!schema.has("properties") || !value.isObject()) {
      return value;
    }
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    boolean closed = schema.path("additionalProperties").isBoolean() && !schema.get("additionalProperties").asBoolean();
    Iterator<Map.Entry<String, JsonNode>> it = value.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode fieldSchema = schema.path("properties").get(e.getKey());
      if (fieldSchema != null) {
        out.set(e.getKey(), fit(root, fieldSchema, e.getValue()));
      } else if (!closed) {
        out.set(e.getKey(), e.getValue());
      }
    }
    for (JsonNode req : schema.path("required")) {
      String name = req.asText();
      if (!out.has(name)) {
        out.set(name, example(root, schema.path("properties").path(name)));
      }
    }
    return out;
  }

  private static JsonNode example(JsonNode root, JsonNode schemaIn) {
    JsonNode s = resolve(root, schemaIn);
    JsonNodeFactory f = JsonNodeFactory.instance;
    if (s.has("examples") && s.get("examples").size() > 0) {
      return s.get("examples").get(0);
    }
    if (s.has("default")) {
      return s.get("default");
    }
    if (s.has("const")) {
      return s.get("const");
    }
    if (s.has("enum") && s.get("enum").size() > 0) {
      return s.get("enum").get(0);
    }
    String type = s.path("type").asText("");
    switch (type) {
      case "object": return fit(root, s, f.objectNode());
      case "integer":
      case "number":
        if (s.has("minimum")) {
          return s.get("minimum");
        }
        return s.has("exclusiveMinimum") ? f.numberNode(s.get("exclusiveMinimum").asLong() + 1) : f.numberNode(1);
      case "boolean": return f.booleanNode(false);
      case "array": return f.arrayNode();
      default: return f.textNode("example");
    }
  }

  /** Follows a local "$ref" (#/$defs/...). */
  private static JsonNode resolve(JsonNode root, JsonNode s) {
    JsonNode cur = s;
    for (int i = 0; i < 10 && cur.has("$ref") && cur.get("$ref").asText().startsWith("#/"); i++) {
      cur = root.at(cur.get("$ref").asText().substring(1));
    }
    return cur;
  }

  private static byte[] resource(String name) {
    try (InputStream in = ConfigTemplate.class.getResourceAsStream(name)) {
      return in == null ? null : in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
