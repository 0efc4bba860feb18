package dev.llmcap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmcap.catalog.Catalog;
import dev.llmcap.engine.Workspace;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Each interactive answer becomes the same flags the CLI takes, or the CLI's message for that field. */
class InteractiveQuestionsTest {
  private static Map<String, InteractiveQuestions.Question> byKey;

  @BeforeAll
  static void load() throws Exception {
    Workspace w = Workspace.fromEnvironment();
    byKey = new LinkedHashMap<>();
    for (InteractiveQuestions.Question q : InteractiveQuestions.inference(Catalog.load(w.gpuCatalog(), w.modelCatalog()), "FP16", "aws")) {
      byKey.put(q.key(), q);
    }
  }

  private static InteractiveQuestions.Outcome answer(String key, String text) {
    return byKey.get(key).interpret().apply(text);
  }

  @Test
  void nineQuestionsEachWithADefaultAnExampleAndHelpAndEveryDefaultIsAccepted() {
    assertThat(byKey.keySet()).containsExactly("mode", "model", "precision", "rps", "input-tokens", "output-tokens", "gpu", "p99", "cloud");
    for (InteractiveQuestions.Question q : byKey.values()) {
      assertThat(q.defaultValue()).isNotBlank();
      assertThat(q.example()).isNotBlank();
      assertThat(q.help()).hasSizeGreaterThan(30);
      assertThat(q.interpret().apply(q.defaultValue()).problem()).as(q.key()).isNull();
      for (String example : q.example().split(" or ")) {
        assertThat(q.interpret().apply(example).problem()).as(q.key() + " " + example).isNull();
      }
    }
  }

  @Test
  void modelByCatalogAliasOrBySize() {
    assertThat(answer("model", "Meta-Llama-3.1-405B-Instruct").flags()).isEqualTo(Map.of("model", "llama-3.1-405b"));
    assertThat(answer("model", "13b").flags()).isEqualTo(Map.of("model-size", "13"));
    assertThat(answer("model", "0").problem()).isEqualTo("model.model_size_billions must be > 0 (got 0)");
    assertThat(answer("model", "mistral-8b").problem()).startsWith("model.model_name 'mistral-8b' is not in the model catalog; did you mean 'mistral-7b'?");
  }

  @Test
  void answersAreCheckedWithTheSchemaMessages() {
    assertThat(answer("precision", "fp8").flags()).isEqualTo(Map.of("precision", "FP8"));
    assertThat(answer("precision", "fp12").problem()).isEqualTo("model.precision must be one of FP32|FP16|BF16|FP8|INT8|INT4|NVFP4|MXFP4 (got \"FP12\")");
    assertThat(answer("rps", "ten").problem()).isEqualTo("workload.requests_per_second must be a number (got \"ten\")");
    assertThat(answer("input-tokens", "12.5").problem()).isEqualTo("workload.avg_input_tokens must be a whole number (got 12.5)");
    assertThat(answer("output-tokens", "0").problem()).isEqualTo("workload.avg_output_tokens must be >= 1 (got 0)");
    assertThat(answer("cloud", "oracle").problem()).isEqualTo("service.cloud_provider must be one of aws|gcp|azure (got \"oracle\")");
    assertThat(answer("p99", "none").flags()).isEmpty();
    assertThat(answer("p99", "900 ms").flags()).isEqualTo(Map.of("p99-ms", "900"));
  }

  @Test
  void gpuByAliasOrRecommendAndTrainingPointsAtTheTemplate() {
    assertThat(answer("gpu", "H100").flags()).isEqualTo(Map.of("gpu-type", "H100-80GB"));
    assertThat(answer("gpu", "recommend").flags()).isEmpty();
    assertThat(answer("gpu", "H2000").problem()).contains("did you mean 'H200'?");
    assertThat(byKey.get("gpu").completions()).contains("recommend", "H100-80GB", "L4");
    assertThat(byKey.get("model").completions()).contains("llama-3.1-70b");
    assertThat(answer("mode", "training").problem()).isNull();
    assertThat(answer("mode", "training").flags()).containsEntry(InteractiveQuestions.MODE, "training");
    assertThat(answer("mode", "serve").problem()).isEqualTo("mode must be one of inference|training (got \"serve\")");
    assertThat(answer("mode", "inference").problem()).isNull();
  }
}
