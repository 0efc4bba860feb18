package dev.llmcap.validate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.llmcap.config.InputException;
import dev.llmcap.config.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One rule test (a rules/tests/*.yaml file): a plan input (inline under {@code input:}, or a {@code config:} file relative
 * to the test), optional assumption overrides ({@code set:}), an optional GPU catalog folder ({@code gpu_catalog:},
 * relative to the test) and the outputs expected ({@code expect:} plan field to value, e.g. {@code 22 +- 15%}).
 */
public record RuleScenario(Path file, String name, JsonNode config, Map<String, String> set, List<Expectation> expect,
    Path gpuCatalog) {
  /** A test over the workspace's own GPU catalog. */
  public RuleScenario(Path file, String name, JsonNode config, Map<String, String> set, List<Expectation> expect) {
    this(file, name, config, set, expect, null);
  }

  private static final ObjectMapper YAML = Json.documentReader(new ObjectMapper(new YAMLFactory()));

  /** One expected output, with the line of the test file that states it. */
  public record Expectation(String field, String expected, int line) {}

  /** Reads a test file; problems name the file (and the line where it can be found). */
  public static RuleScenario read(Path file) throws InputException {
    String text;
    JsonNode root;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
      root = YAML.readTree(text);
    } catch (IOException e) {
      throw new InputException(file + ": cannot read the rule test: " + e.getMessage().split("\n")[0]);
    }
    if (root == null || !root.isObject()) {
      throw new InputException(file + ": a rule test is a YAML object with input (or config) and expect");
    }
    for (Iterator<String> it = root.fieldNames(); it.hasNext();) {
      String k = it.next();
      if (!List.of("name", "description", "input", "config", "set", "gpu_catalog", "expect").contains(k)) {
        throw new InputException(file + ":" + lineOf(text, k) + ": unknown key '" + k
            + "' (a rule test has name, description, input or config, set, gpu_catalog, expect)");
      }
    }
    JsonNode config;
    if (root.has("input") == root.has("config")) {
      throw new InputException(file + ": give exactly one of input (the plan config inline) or config (a config file)");
    }
    if (root.has("input")) {
      config = root.get("input");
    } else {
      Path cfg = file.toAbsolutePath().getParent().resolve(root.get("config").asText()).normalize();
      try {
        String body = Files.readString(cfg, StandardCharsets.UTF_8);
        config = cfg.toString().endsWith(".json") ? Json.documents().readTree(body) : YAML.readTree(body);
      } catch (IOException e) {
        throw new InputException(file + ":" + lineOf(text, "config") + ": cannot read config " + cfg + ": "
            + e.getMessage().split("\n")[0]);
      }
    }
    Map<String, String> set = new LinkedHashMap<>();
    root.path("set").fields().forEachRemaining(e -> set.put(e.getKey(), e.getValue().asText()));
    JsonNode expect = root.get("expect");
    if (expect == null || !expect.isObject() || expect.size() == 0) {
      throw new InputException(file + ": expect must list at least one plan field and its expected value");
    }
    List<Expectation> list = new ArrayList<>();
    expect.fields().forEachRemaining(e -> list.add(new Expectation(e.getKey(), e.getValue().asText(), lineOf(text, e.getKey()))));
    String name = root.path("name").asText(file.getFileName().toString().replaceFirst("\\.ya?ml$", ""));
    Path catalog = root.has("gpu_catalog") ? file.toAbsolutePath().getParent().resolve(root.get("gpu_catalog").asText()).normalize() : null;
    return new RuleScenario(file, name, config, set, list, catalog);
  }

  /** The first line (1-based) where a key is written, or 1. */
  static int lineOf(String text, String key) {
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String t = lines[i].trim();
      if (t.startsWith(key + ":") || t.startsWith("\"" + key + "\":")) {
        return i + 1;
      }
    }
    return 1;
  }
}
