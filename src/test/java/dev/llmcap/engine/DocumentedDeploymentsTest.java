package dev.llmcap.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmcap.model.LLMCapacityPlan;
import dev.llmcap.model.PlanRequest;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Layouts against documented working deployments (src/test/resources/calibration/memory.csv, documented_deployment
 * rows): vLLM's Llama 3.1 launch post (MEM041-MEM043), the TensorRT-LLM performance overview (MEM045, MEM047-MEM049)
 * and the NVIDIA NIM benchmark configuration (MEM051). The documented tensor-parallel layout must fit; where the source
 * says it is the smallest, half of it must not.
 */
class DocumentedDeploymentsTest {

  private static LLMCapacityPlan plan(String model, String precision, String gpu, Integer tp) throws Exception {
    PlanRequest r = Engines.request(model, precision, gpu, 1, 128, 128);
    r.getGpu().setTensorParallel(tp);
    return Engines.shared().plan(r, Map.of(), false);
  }

  @ParameterizedTest(name = "{0}: {1} {2} on {4} x {3} fits (smallest: {5})")
  @CsvSource({
      "MEM041, llama-3.1-405b, FP8, H100-80GB, 8, false",
      "MEM041, llama-3.1-405b, FP8, A100-80GB, 8, false",
      "MEM043, llama-3.1-405b, BF16, H200, 8, false",
      "MEM043, llama-3.1-405b, BF16, MI300X, 8, false",
      "MEM045, llama-3.3-70b, FP8, H200, 1, true",
      "MEM051, llama-3.3-70b, FP8, H100-80GB, 2, false",
      "MEM047, llama-3.1-70b, FP8, H100-80GB, 1, true",
      "MEM048, llama-2-70b, FP16, A100-80GB, 2, true",
      "MEM048, llama-3.1-70b, FP16, A100-80GB, 2, true",
      "MEM049, mixtral-8x7b, FP16, H100-80GB, 2, false"})
  void documentedTensorParallelLayoutFits(String id, String model, String precision, String gpu, int tp, boolean smallest)
      throws Exception {
    LLMCapacityPlan documented = plan(model, precision, gpu, tp);
    assertThat(documented.verdict()).as(id + " at TP" + tp).isNotEqualTo("infeasible");
    assertThat(documented.gpuResources().tensorParallel()).as(id).isEqualTo(tp);
    if (smallest && tp > 1) {
      assertThat(plan(model, precision, gpu, tp / 2).verdict()).as(id + " at TP" + tp / 2).isEqualTo("infeasible");
    }
  }

  /** MEM042: Llama-3.1-405B in BF16 needs two 8 x H100 nodes (TP8 x PP2); the rules choose that layout themselves. */
  @org.junit.jupiter.api.Test
  void llama405bBf16NeedsTwoH100Nodes() throws Exception {
    LLMCapacityPlan p = plan("llama-3.1-405b", "BF16", "H100-80GB", null);
    assertThat(p.gpuResources().minGpusPerReplica()).isEqualTo(16);
    assertThat(p.gpuResources().pipelineParallel()).isEqualTo(2);
  }
}
