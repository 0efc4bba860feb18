package dev.llmcap.export;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.llmcap.config.Json;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** YAML: the same plan as the JSON export (same fields, names and order, trace included), written as a YAML document. */
public final class YamlExporter implements PlanExporter<Object> {
  private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
      .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
      .disable(YAMLGenerator.Feature.SPLIT_LINES)
      .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
      .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
      .build());

  @Override public String format() { return "yaml"; }
  @Override public List<String> extensions() { return List.of("yaml", "yml"); }
  @Override public Class<Object> planType() { return Object.class; }

  @Override
  public byte[] export(Object plan, ExportContext context) {
    try {
      // the JSON export's tree (its naming and order), so the two formats cannot drift apart
      JsonNode tree = Json.shared().valueToTree(plan);
      return YAML.writeValueAsString(tree).getBytes(StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("plan cannot be written as YAML: " + e.getOriginalMessage(), e);
    }
  }
}
