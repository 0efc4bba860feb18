package dev.llmcap.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmcap.config.InputException;
import dev.llmcap.export.PlanJson;
import dev.llmcap.model.LLMCapacityPlan;
import dev.llmcap.model.LLMWorkloadInput;
import dev.llmcap.model.ModelConfig;
import dev.llmcap.model.PlanRequest;
import dev.llmcap.model.fact.Quantity;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The seed's programmatic example, the audit trace and determinism. */
class ProgrammaticApiTest {

  @Test
  void seedExampleGivesAFullPlan() throws Exception {
    LLMWorkloadInput workload = new LLMWorkloadInput(10.0, 500, 200);
    ModelConfig model = new ModelConfig(70, "FP16").contextWindow(8192);
    LLMCapacityPlan plan = Engines.shared().generateInferencePlan(workload, model);
    assertThat(plan.gpuResources().totalGpus()).isPositive();
    assertThat(plan.gpuResources().recommendedGpuType()).isNotBlank();
    assertThat(plan.cost().costPerMillionTokens()).isPositive();
    assertThat(plan.gpuResources().minReplicas()).isGreaterThanOrEqualTo(2); // prod availability floor
    assertThat(plan.gpuOptions()).hasSizeGreaterThan(10);
    assertThat(plan.findings()).anyMatch(f -> f.message().contains("ESTIMATED from the nearest entry of a current dense GQA family"));
    assertThat(plan.throughput().meetsLatencySla()).isTrue(); // no SLA given
  }

  @Test
  void traceExplainsEveryPlanFigureWithItsRuleAndAssumptions() throws Exception {
    PlanRequest r = Engines.request("llama-3.1-70b", "FP16", "A100-80GB", 10, 500, 200);
    LLMCapacityPlan plan = Engines.shared().plan(r);
    assertThat(plan.trace()).isNotEmpty();
    TraceEntry gpus = plan.trace().stream().filter(e -> e.getConclusion().startsWith("gpus_per_replica =")).findFirst().orElseThrow();
    assertThat(gpus.getRule()).isEqualTo("GPUs per replica: the smallest layout within tolerance of the best requests per GPU");
    assertThat(gpus.getFormula()).contains("TP 4").contains("KV budget").contains("req/s per GPU");
    TraceEntry weights = plan.trace().stream().filter(e -> e.getConclusion().startsWith("weights_gb =")).findFirst().orElseThrow();
    assertThat(weights.getFormula()).contains("70.55B params");
    TraceEntry memory = plan.trace().stream().filter(e -> e.getRule().equals("Memory budget of a layout")
        && e.getConclusion().contains("A100-80GB TP4:")).findFirst().orElseThrow();
    assertThat(memory.getAssumptions()).anyMatch(a -> a.startsWith("gpu_memory_utilization = 0.9"));
    // 4 x 80 GiB (HBM capacities are binary) x 0.9 = 309.2 GB
    assertThat(memory.getConclusion()).contains("usable 309.2 GB");
    assertThat(plan.assumptions()).anyMatch(a -> a.name().equals("mbu_decode") && a.source() != null);
  }

  @Test
  void sameInputGivesByteIdenticalJson() throws Exception {
    PlanRequest r = Engines.request("mixtral-8x7b", "FP8", null, 7.5, 800, 300);
    r.getOptions().setCompareGpus(true);
    String a = PlanJson.write(Engines.shared().plan(r));
    String b = PlanJson.write(Engines.shared().plan(r));
    assertThat(a).isEqualTo(b);
  }

  @Test
  void badInputNamesFieldValueAndRange() {
    PlanRequest r = Engines.request("llama-3.1-8b", "FP17", "H100", -3, 0, 10);
    assertThatThrownBy(() -> Engines.shared().plan(r))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("workload.requests_per_second must be > 0 (got -3.0)")
        .hasMessageContaining("workload.avg_input_tokens must be >= 1 (got 0)")
        .hasMessageContaining("model.precision must be one of FP32|FP16|BF16|FP8|INT8|INT4|NVFP4|MXFP4 (got \"FP17\")");
  }

  @Test
  void unknownGpuAndModelListTheKnownOnes() {
    assertThatThrownBy(() -> Engines.shared().plan(Engines.request("llama-9", "FP16", "H999", 1, 10, 10)))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("gpu.gpu_type 'H999' is not in the GPU catalog; known GPUs: A10,")
        .hasMessageContaining("model.model_name 'llama-9' is not in the model catalog; known models: bloom-176b,");
  }

  @Test
  void modelTooBigForAnyLayoutIsInfeasibleWithAFix() throws Exception {
    PlanRequest r = Engines.request("llama-3.1-405b", "FP32", "L4", 1, 100, 10);
    LLMCapacityPlan plan = Engines.shared().plan(r);
    assertThat(plan.verdict()).isEqualTo("infeasible");
    assertThat(plan.headline().get(0)).startsWith("INFEASIBLE").contains("do not fit");
    assertThat(plan.findings()).anyMatch(f -> f.fix() != null && f.fix().contains("lower precision"));
  }

  @Test
  void enumValuesAreAcceptedInAnyCase() throws Exception {
    dev.llmcap.config.ConfigLoader loader = new dev.llmcap.config.ConfigLoader();
    loader.override("precision", dev.llmcap.config.FlagBinding.inference().get("precision"), "fp8");
    loader.override("cloud", dev.llmcap.config.FlagBinding.inference().get("cloud"), "GCP");
    loader.override("rps", dev.llmcap.config.FlagBinding.inference().get("rps"), "2");
    loader.override("input-tokens", dev.llmcap.config.FlagBinding.inference().get("input-tokens"), "100");
    loader.override("output-tokens", dev.llmcap.config.FlagBinding.inference().get("output-tokens"), "100");
    loader.override("model", dev.llmcap.config.FlagBinding.inference().get("model"), "llama-3.1-8b");
    PlanRequest r = loader.toRequest();
    assertThat(r.getModel().getPrecision()).isEqualTo("FP8");
    assertThat(r.getService().getCloudProvider()).isEqualTo("gcp");
  }

  @Test
  void fp8WeightsOnAPreAmpereGpuAreInfeasibleWithAFix() throws Exception {
    LLMCapacityPlan plan = Engines.shared().plan(Engines.request("llama-3.1-8b", "FP8", "T4", 2, 100, 100));
    assertThat(plan.verdict()).isEqualTo("infeasible");
    assertThat(plan.headline().get(0)).contains("T4 (Turing) has no kernels for FP8 weights");
    assertThat(plan.findings()).anyMatch(f -> f.fix() != null && f.fix().contains("Ampere-or-newer"));
    LLMCapacityPlan fp16 = Engines.shared().plan(Engines.request("llama-3.1-8b", "FP16", "T4", 2, 100, 100));
    assertThat(fp16.verdict()).isNotEqualTo("infeasible");
  }

  @Test
  void aModelNoCatalogGpuCanHoldGetsAPlanWideVerdictAndFix() throws Exception {
    PlanRequest r = Engines.request(null, "FP16", null, 1, 100, 10);
    r.getModel().setModelName(null);
    r.getModel().setModelSizeBillions(100000.0);
    r.getOptions().setCompareGpus(true);
    LLMCapacityPlan plan = Engines.shared().plan(r);
    assertThat(plan.verdict()).isEqualTo("infeasible");
    assertThat(plan.headline().get(0)).contains("fit no candidate GPU");
    assertThat(plan.headline()).anyMatch(l -> l.startsWith("Nearest fix: use a lower precision"));
  }

  @Test
  void quantitiesRoundUpWholeCounts() {
    assertThat(new Quantity("", "x", 2.0000000001, "", "").getWhole()).isEqualTo(2);
    assertThat(new Quantity("", "x", 2.2, "", "").getWhole()).isEqualTo(3);
  }
}
