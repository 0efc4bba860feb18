package dev.llmcap.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmcap.model.LLMCapacityPlan;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * GPUs per replica against documented working deployments (src/test/resources/calibration/memory.csv,
 * documented_deployment rows): vLLM's Llama 3.1 launch post (MEM041-MEM043), the TensorRT-LLM performance overview
 * (MEM045, MEM047-MEM049) and the NVIDIA NIM benchmark configuration (MEM051). A documented setup must fit in at most
 * that many GPUs; where the source states the smallest layout, the plan must find exactly it.
 */
class DocumentedDeploymentsTest {

  @ParameterizedTest(name = "{0}: {1} {2} on {3}: at most {4} GPUs (exactly: {5})")
  @CsvSource({
      "MEM041, llama-3.1-405b, FP8, H100-80GB, 8, false",
      "MEM041, llama-3.1-405b, FP8, A100-80GB, 8, false",
      "MEM042, llama-3.1-405b, BF16, H100-80GB, 16, true",
      "MEM043, llama-3.1-405b, BF16, H200, 8, false",
      "MEM043, llama-3.1-405b, BF16, MI300X, 8, false",
      "MEM045, llama-3.3-70b, FP8, H200, 1, true",
      "MEM051, llama-3.3-70b, FP8, H100-80GB, 2, false",
      "MEM047, llama-3.1-70b, FP8, H100-80GB, 1, true",
      "MEM048, llama-2-70b, FP16, A100-80GB, 2, true",
      "MEM048, llama-3.1-70b, FP16, A100-80GB, 2, true",
      "MEM049, mixtral-8x7b, FP16, H100-80GB, 2, false"})
  void documentedSetupFits(String id, String model, String precision, String gpu, int gpus, boolean exactly) throws Exception {
    LLMCapacityPlan plan = Engines.shared().plan(Engines.request(model, precision, gpu, 1, 128, 128), Map.of(), false);
    assertThat(plan.verdict()).as(id).isNotEqualTo("infeasible");
    if (exactly) {
      assertThat(plan.gpuResources().minGpusPerReplica()).as(id).isEqualTo(gpus);
    } else {
      assertThat(plan.gpuResources().minGpusPerReplica()).as(id).isLessThanOrEqualTo(gpus);
    }
  }
}
