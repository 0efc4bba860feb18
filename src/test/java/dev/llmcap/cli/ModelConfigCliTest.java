package dev.llmcap.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** --model-config on a stored copy of each supported model_type's config.json, its bad-input errors, and models import. */
class ModelConfigCliTest {
  private static final Path CONFIGS = Path.of("src/test/resources/hf-configs");

  @ParameterizedTest
  @ValueSource(strings = {"llama-3.1-8b", "llama-4-scout", "mistral-small-24b", "mixtral-8x22b", "qwen2.5-7b", "qwen2-57b-a14b",
      "qwen3-8b", "qwen3-30b-a3b", "deepseek-v3", "gpt-oss-20b", "gemma-2-9b", "gemma-3-12b", "phi-4"})
  void aConfigOfEachSupportedModelTypePlans(String folder) throws Exception {
    CliRun r = CliRun.of("plan", "--model-config", CONFIGS.resolve(folder).toString(), "--rps", "1", "--input-tokens", "1000",
        "--output-tokens", "200", "--gpu-type", "H200", "--no-compare", "--no-cost", "--format", "json");
    assertEquals(0, r.exit(), r.err());
    JsonNode plan = new ObjectMapper().readTree(r.out());
    String modelType = new ObjectMapper().readTree(CONFIGS.resolve(folder).resolve("config.json").toFile()).get("model_type").asText();
    assertTrue(plan.toString().contains("derived from the architecture of its config.json"), "derived counts reported for " + modelType);
    assertTrue(plan.path("model").path("params_b").asDouble() > 0, plan.path("model").toString());
  }

  @Test
  void gptOssConfigDefaultsToItsMxfp4Checkpoint() {
    CliRun r = CliRun.of("plan", "--model-config", CONFIGS.resolve("gpt-oss-120b").toString(), "--rps", "1", "--input-tokens", "1000",
        "--output-tokens", "200", "--gpu-type", "B200", "--no-compare", "--no-cost");
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().contains("MXFP4 weights"), r.out());
  }

  @Test
  void badConfigsAreUsageErrorsNamingFileFieldAndValue(@TempDir Path dir) throws Exception {
    Path notJson = Files.writeString(dir.resolve("broken.json"), "{\"model_type\": \"llama\",");
    assertBad(notJson, "broken.json", "not valid JSON");
    Path unsupported = Files.writeString(dir.resolve("falcon.json"), "{\"model_type\": \"falcon\", \"num_hidden_layers\": 2}");
    assertBad(unsupported, "falcon.json", "field 'model_type' = 'falcon' is not supported");
    Path missing = Files.writeString(dir.resolve("missing.json"), "{\"model_type\": \"llama\", \"hidden_size\": 4096, "
        + "\"num_attention_heads\": 32, \"intermediate_size\": 11008, \"vocab_size\": 32000}");
    assertBad(missing, "missing.json", "field 'num_hidden_layers' is missing");
    Path contradicting = Files.writeString(dir.resolve("odd.json"), "{\"model_type\": \"qwen2\", \"num_hidden_layers\": 2, "
        + "\"hidden_size\": 4096, \"num_attention_heads\": 30, \"num_key_value_heads\": 7, \"intermediate_size\": 11008, \"vocab_size\": 32000}");
    CliRun r = plan(contradicting);
    assertEquals(2, r.exit());
    assertTrue(r.err().contains("odd.json: field 'num_key_value_heads' = 7 does not divide num_attention_heads = 30"), r.err());
    assertTrue(r.err().contains("field 'num_attention_heads' = 30 does not divide hidden_size = 4096"), r.err());
    assertTrue(!r.err().contains("Exception"), r.err());
  }

  @Test
  void modelsImportWritesACatalogEntryWithRuleDerivedCounts(@TempDir Path dir) throws Exception {
    Path catalog = Files.createDirectories(dir.resolve("models"));
    CliRun r = CliRun.of("models", "import", CONFIGS.resolve("qwen3-235b-a22b").toString(), "--model-catalog", catalog.toString());
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().contains("235.094B params (22.191B active), 192512 KV bytes/token"), r.out());
    JsonNode entry = new ObjectMapper().readTree(catalog.resolve("qwen3-235b-a22b.json").toFile());
    assertEquals(128, entry.get("experts").asInt());
    assertEquals(192512, entry.get("kv_cache_bytes_per_token_bf16").asInt());
    CliRun again = CliRun.of("models", "import", CONFIGS.resolve("qwen3-235b-a22b").toString(), "--model-catalog", catalog.toString());
    assertEquals(2, again.exit());
    assertTrue(again.err().contains("already has 'qwen3-235b-a22b'; pass --force"), again.err());
    CliRun plan = CliRun.of("plan", "--model", "qwen3-235b-a22b", "--model-catalog", catalog.toString(), "--rps", "1",
        "--input-tokens", "1000", "--output-tokens", "200", "--gpu-type", "H200", "--no-compare", "--no-cost");
    assertEquals(0, plan.exit(), plan.err());
  }

  private static void assertBad(Path file, String name, String what) {
    CliRun r = plan(file);
    assertEquals(2, r.exit(), r.out());
    assertTrue(r.err().contains(name) && r.err().contains(what), r.err());
  }

  private static CliRun plan(Path file) {
    return CliRun.of("plan", "--model-config", file.toString(), "--rps", "1", "--input-tokens", "100", "--output-tokens", "10",
        "--gpu-type", "H100-80GB", "--no-compare", "--no-cost");
  }
}
