package dev.llmcap.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmcap.model.PlanRequest;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a JSON or YAML configuration (the seed's sections), applies command-line overrides on top, validates the
 * merged document against the mode's schema, and records where every value came from.
 */
public final class ConfigLoader {
  /** Shared (thread-safe once configured): building a mapper per call costs more than the conversion. */
  private static final ObjectMapper YAML_READER = Json.yamlDocuments();
  private final Map<String, String> provenance = new LinkedHashMap<>();
  private ObjectNode document = JsonNodeFactory.instance.objectNode();
  private String source = "flags";
  private SourceMap positions = SourceMap.empty();

  /** Reads a configuration file; syntax errors are reported as file:line:column: message. */
  public ConfigLoader load(Path file) throws InputException {
    if (!Files.exists(file)) {
      throw new InputException(file + ": config file not found");
    }
    if (Files.isDirectory(file)) {
      throw new InputException(file + ": is a folder, not a config file");
    }
    if (!Files.isRegularFile(file)) {
      throw new InputException(file + ": is not a regular file (a device, pipe or socket); give a JSON or YAML config file");
    }
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    byte[] content;
    try {
      long size = Files.size(file);
      if (size > Json.MAX_DOCUMENT_BYTES) {
        throw new InputException(file + ": the config is " + size + " bytes; at most " + Json.MAX_DOCUMENT_BYTES + " bytes are read");
      }
      content = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new InputException(file + ": cannot read: " + e.getMessage());
    }
    return merge(file.toString(), file.getFileName().toString(), content, name.endsWith(".yaml") || name.endsWith(".yml"));
  }

  /**
   * Reads a configuration from bytes (e.g. standard input for {@code --config -}): YAML unless the first non-blank
   * character opens a JSON object.
   */
  public ConfigLoader load(String source, byte[] content) throws InputException {
    String text = new String(content, java.nio.charset.StandardCharsets.UTF_8).stripLeading();
    return merge(source, source, content, !text.startsWith("{"));
  }

  /**
   * Merges one more configuration over what was loaded before: objects field by field, any other value replaced
   * (later files win, as with kubectl -f and Helm values files). A top-level "$schema" key (for editors) is ignored.
   */
  private ConfigLoader merge(String source, String shortName, byte[] content, boolean yaml) throws InputException {
    ObjectMapper mapper = yaml ? YAML_READER : Json.documents();
    JsonNode root;
    try {
      root = mapper.readTree(content);
    } catch (JsonProcessingException e) {
      JsonLocation loc = e.getLocation();
      String where = loc == null || loc.getLineNr() < 1 ? "" : ":" + loc.getLineNr() + ":" + Math.max(1, loc.getColumnNr());
      throw new InputException(source + where + ": " + syntaxMessage(e));
    } catch (IOException e) {
      throw new InputException(source + ": cannot read: " + InputLimits.describe(e));
    }
    if (root == null || !root.isObject()) {
      throw new InputException(source + ": the configuration must be a JSON/YAML object with sections mode, workload, model, gpu, service, options");
    }
    ((ObjectNode) root).remove("$schema");
    SourceMap map = SourceMap.of(mapper.getFactory(), content);
    Origin origin = new Origin(source, map);
    if (loaded == 0) {
      document = (ObjectNode) root;
    } else {
      mergeInto(document, (ObjectNode) root);
    }
    loaded++;
    this.source = source;
    positions = map;
    recordOrigins(root, "", origin);
    recordProvenance(root, "", "config " + shortName);
    return this;
  }

  /** Where a field's value was read from: the file and its positions. */
  private record Origin(String source, SourceMap positions) {}

  private final Map<String, Origin> origins = new LinkedHashMap<>();
  private int loaded;

  private static void mergeInto(ObjectNode base, ObjectNode over) {
    over.fields().forEachRemaining(e -> {
      JsonNode existing = base.get(e.getKey());
      if (existing != null && existing.isObject() && e.getValue().isObject()) {
        mergeInto((ObjectNode) existing, (ObjectNode) e.getValue());
      } else {
        base.set(e.getKey(), e.getValue());
      }
    });
  }

  private void recordOrigins(JsonNode node, String prefix, Origin origin) {
    node.fields().forEachRemaining(e -> {
      String path = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
      origins.put(path, origin);
      if (e.getValue().isObject()) {
        recordOrigins(e.getValue(), path, origin);
      }
    });
  }

  /** Jackson's or SnakeYAML's syntax message on one line, without the parser's own copies of the position. */
  static String syntaxMessage(JsonProcessingException e) {
    String m = InputLimits.parseMessage(e);
    if (InputLimits.afterTheDocument(e)) {
      return "unexpected content after the end of the configuration (a second document or stray text): one config per file";
    }
    return syntaxMessage(m);
  }

  /** The message text of {@link #syntaxMessage(JsonProcessingException)}. */
  static String syntaxMessage(String raw) {
    String m = raw.replaceAll(" \\(code \\d+\\)", "")
        .replaceAll("\\s*in 'reader', line \\d+, column \\d+:[^^]*\\^", ";")
        .replaceAll("\\s+", " ").trim()
        .replaceAll("\\s*;+\\s*", "; ").replaceAll("[;\\s]+$", "");
    if (m.startsWith("mapping values are not allowed here")) {
      m += " (check the indentation: each field of a section indented by the same spaces)";
    }
    return m;
  }

  /** Uses an already parsed configuration (e.g. one line of a JSONL file); source names it in error messages. */
  public ConfigLoader load(JsonNode root, String source) throws InputException {
    if (root == null || !root.isObject()) {
      throw new InputException(source + ": the configuration must be a JSON/YAML object with sections mode, workload, model, gpu, service, options");
    }
    document = (ObjectNode) root;
    this.source = source;
    recordProvenance(document, "", "config " + source);
    return this;
  }

  private void recordProvenance(JsonNode node, String prefix, String from) {
    node.fields().forEachRemaining(e -> {
      String path = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
      if (e.getValue().isObject()) {
        recordProvenance(e.getValue(), path, from);
      } else {
        provenance.put(path, from);
      }
    });
  }

  /** Sets one flag's value over the configuration (numbers that do not parse stay text so the schema names them). */
  public ConfigLoader override(String flag, FlagBinding.Target target, String value) {
    String[] parts = target.path().split("\\.");
    ObjectNode section = document.has(parts[0]) && document.get(parts[0]).isObject()
        ? (ObjectNode) document.get(parts[0]) : document.putObject(parts[0]);
    switch (target.kind()) {
      case NUMBER:
        try {
          section.put(parts[1], new BigDecimal(value.trim()));
        } catch (NumberFormatException e) {
          section.put(parts[1], value);
        }
        break;
      case INTEGER:
        try {
          section.put(parts[1], Long.parseLong(value.trim()));
        } catch (NumberFormatException e) {
          try {
            section.put(parts[1], new BigDecimal(value.trim()));
          } catch (NumberFormatException e2) {
            section.put(parts[1], value);
          }
        }
        break;
      case BOOLEAN:
        section.put(parts[1], Boolean.parseBoolean(value));
        break;
      case NEGATED_BOOLEAN:
        // a --no-... flag: present (true) turns the field off
        section.put(parts[1], !Boolean.parseBoolean(value));
        break;
      default:
        section.put(parts[1], value);
    }
    provenance.put(target.path(), "flag --" + flag);
    return this;
  }

  /** Sets an option field (include_cost, compare_gpus, output_file). */
  public ConfigLoader option(String field, boolean value, String flag) {
    ObjectNode options = document.has("options") && document.get("options").isObject()
        ? (ObjectNode) document.get("options") : document.putObject("options");
    options.put(field, value);
    provenance.put("options." + field, "flag --" + flag);
    return this;
  }

  /** The mode the document asks for (inference when absent). */
  public String mode() {
    JsonNode m = document.get("mode");
    return m == null || !m.isTextual() ? "inference" : m.asText();
  }

  /** Validates the merged document and turns it into a request; every schema problem is reported at once. */
  public PlanRequest toRequest() throws InputException {
    String mode = mode();
    if (!"inference".equals(mode) && !"training".equals(mode)) {
      throw new InputException(locate("mode", false, "mode must be one of inference|training (got \"" + InputLimits.echo(mode) + "\")"));
    }
    if (!SchemaValidator.hasSchema(mode)) {
      throw new InputException(locate("mode", false, "mode " + mode + " is not available in this build (no " + mode + " schema)"));
    }
    List<SchemaValidator.Problem> found = new ArrayList<>(InputLimits.numbers(document));
    if (found.isEmpty()) {
      SchemaValidator.canonicaliseEnums(mode, document);
      if ("inference".equals(mode)) {
        TraceWorkload.fill(document, provenance); // a request trace supplies the workload fields it describes
      }
      found.addAll(SchemaValidator.problems(mode, document));
    }
    if (!found.isEmpty()) {
      found.sort(java.util.Comparator.comparing((SchemaValidator.Problem p) -> {
        SourceMap.Position at = positions.find(p.path(), p.atKey());
        return at == null ? new SourceMap.Position(Integer.MAX_VALUE, 0) : at;
      }, java.util.Comparator.comparingInt(SourceMap.Position::line).thenComparingInt(SourceMap.Position::column))
          .thenComparing(SchemaValidator.Problem::message));
      List<String> problems = new ArrayList<>();
      for (SchemaValidator.Problem p : found) {
        problems.add(locate(p.path(), p.atKey(), p.message()));
      }
      throw new InputException(problems);
    }
    return Json.shared().convertValue(document, PlanRequest.class);
  }

  /**
   * Points a problem about a dotted path at its origin: FILE:LINE:COL for a value from the config file, the flag that
   * set it for a value from the command line.
   */
  public String locate(String path, boolean atKey, String message) {
    String from = provenance.get(path);
    if (from != null && from.startsWith("flag ")) {
      return from.substring("flag ".length()) + ": " + message;
    }
    if ("flags".equals(source)) {
      return message;
    }
    Origin origin = origins.get(path);
    String file = origin == null ? source : origin.source();
    SourceMap.Position at = (origin == null ? positions : origin.positions()).find(path, atKey);
    return file + (at == null ? "" : ":" + at) + ": " + message;
  }

  /** Points problems found after validation (catalog look-ups) at their origin; each starts with its dotted path. */
  public List<String> locate(List<String> problems) {
    List<String> out = new ArrayList<>();
    for (String p : problems) {
      int space = p.indexOf(' ');
      String path = space < 0 ? "" : p.substring(0, space);
      out.add(path.matches("[A-Za-z0-9_.]+") ? locate(path, false, p) : locate("", false, p));
    }
    return out;
  }

  public Map<String, String> provenance() { return provenance; }
  public JsonNode document() { return document; }
}
