package dev.llmcap.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.llmcap.model.LLMCapacityPlan;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Memory figures from the rules against published measurements (src/test/resources/calibration/memory.csv). */
class MemoryCalibrationTest {

  /** KV bytes per token must equal the published derivation for every model in memory.csv (BF16 KV cache). */
  @Test
  void kvBytesPerTokenMatchesEveryPublishedRow() throws Exception {
    Map<String, String> modelFor = Map.ofEntries(
        Map.entry("Llama-2-7B", "llama-2-7b"), Map.entry("Llama-2-13B", "llama-2-13b"), Map.entry("Llama-2-70B", "llama-2-70b"),
        Map.entry("Llama-3/3.1-8B", "llama-3.1-8b"), Map.entry("Llama-3/3.1/3.3-70B", "llama-3.1-70b"),
        Map.entry("Llama-3.1-405B", "llama-3.1-405b"), Map.entry("Mistral-7B-v0.1", "mistral-7b"),
        Map.entry("Mixtral-8x7B", "mixtral-8x7b"), Map.entry("Qwen2.5-72B", "qwen2.5-72b"),
        Map.entry("DeepSeek-V3 (MLA)", "deepseek-v3"), Map.entry("MPT-30B", "mpt-30b"), Map.entry("BLOOM-176B", "bloom-176b"));
    int checked = 0;
    for (Map<String, String> row : csv("memory.csv")) {
      if (!"kv_cache_per_token".equals(row.get("category"))) {
        continue;
      }
      String model = modelFor.get(row.get("model"));
      assertThat(model).as("a catalog model for %s", row.get("model")).isNotNull();
      LLMCapacityPlan plan = Engines.shared().plan(Engines.request(model, "BF16", "H200", 1, 100, 10), Map.of(), false);
      assertThat(plan.gpuResources().kvBytesPerToken()).as(row.get("id") + " " + model)
          .isEqualTo(Double.parseDouble(row.get("value")));
      checked++;
    }
    assertThat(checked).isEqualTo(12);
  }

  /**
   * Weight memory within 5% of measured or published sizes. Sources: vLLM load log 14.9595 GiB for Llama-3-8B BF16
   * (MEM001); Hugging Face listings for Llama-3-8B BF16 shards (MEM013), TheBloke AWQ g128 checkpoints (MEM010-MEM012),
   * GPTQ g128 (MEM006); BigScience's 329 GB of BF16 weights for BLOOM-176B (MEM014).
   */
  @ParameterizedTest(name = "{0}: {1} {2} ~ {3} GB")
  @CsvSource({
      "MEM001, llama-3-8b, BF16, 16.063",   // 14.9595 GiB x 1.073741824
      "MEM013, llama-3-8b, BF16, 16.07",
      "MEM010, llama-2-70b, INT4, 36.61",
      "MEM006, llama-2-70b, INT4, 36.65",
      "MEM011, llama-2-13b, INT4, 7.25",
      "MEM012, llama-2-7b, INT4, 3.89",
      "MEM014, bloom-176b, BF16, 353.26"}) // "329GB" is GiB: 329 x 1.073741824 (352.5e9 bytes = 176.2B params x 2)
  void weightMemoryWithinFivePercentOfMeasured(String id, String model, String precision, double measuredGb) throws Exception {
    LLMCapacityPlan plan = Engines.shared().plan(Engines.request(model, precision, "MI325X", 1, 100, 10), Map.of(), false);
    assertThat(plan.gpuResources().weightsGb()).as(id).isCloseTo(measuredGb, within(measuredGb * 0.05));
  }

  static List<Map<String, String>> csv(String name) throws IOException {
    Path p = Path.of("src/test/resources/calibration", name);
    com.fasterxml.jackson.dataformat.csv.CsvMapper mapper = new com.fasterxml.jackson.dataformat.csv.CsvMapper();
    com.fasterxml.jackson.dataformat.csv.CsvSchema schema = com.fasterxml.jackson.dataformat.csv.CsvSchema.emptySchema().withHeader();
    List<Map<String, String>> rows = new ArrayList<>();
    try (Reader r = Files.newBufferedReader(p)) {
      com.fasterxml.jackson.databind.MappingIterator<Map<String, String>> it =
          mapper.readerFor(Map.class).with(schema).readValues(r);
      while (it.hasNext()) {
        rows.add(it.next());
      }
    }
    return rows;
  }
}
