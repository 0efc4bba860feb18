package dev.llmcap.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
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
  private static final ObjectMapper REQUEST_MAPPER = Json.mapper();
  private final Map<String, String> provenance = new LinkedHashMap<>();
  private ObjectNode document = JsonNodeFactory.instance.objectNode();
  private String source = "flags";

  /** Reads a configuration file; syntax errors are reported as file:line:column: message. */
  public ConfigLoader load(Path file) throws InputException {
    if (!Files.isRegularFile(file)) {
      throw new InputException(file + ": config file not found");
    }
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    ObjectMapper mapper = name.endsWith(".yaml") || name.endsWith(".yml") ? new ObjectMapper(new YAMLFactory()) : new ObjectMapper();
    mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    mapper.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    JsonNode root;
    try {
      root = mapper.readTree(file.toFile());
    } catch (JsonProcessingException e) {
      JsonLocation loc = e.getLocation();
      String where = loc == null ? "" : ":" + loc.getLineNr() + ":" + loc.getColumnNr();
      throw new InputException(file + where + ": " + e.getOriginalMessage().replaceAll("\\s+", " "));
    } catch (IOException e) {
      throw new InputException(file + ": cannot read: " + e.getMessage());
    }
    if (root == null || !root.isObject()) {
      throw new InputException(file + ": the configuration must be a JSON/YAML object with sections mode, workload, model, gpu, service, options");
    }
    document = (ObjectNode) root;
    source = file.toString();
    recordProvenance(document, "", "config " + file.getFileName());
    return this;
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
      throw new InputException(prefix() + "mode must be one of inference|training (got \"" + mode + "\")");
    }
    List<String> problems = new ArrayList<>();
    for (String p : SchemaValidator.validate(mode, document)) {
      problems.add(prefix() + p);
    }
    if (!problems.isEmpty()) {
      throw new InputException(problems);
    }
    return REQUEST_MAPPER.convertValue(document, PlanRequest.class);
  }

  private String prefix() {
    return "flags".equals(source) ? "" : source + ": ";
  }

  public Map<String, String> provenance() { return provenance; }
  public JsonNode document() { return document; }
}
