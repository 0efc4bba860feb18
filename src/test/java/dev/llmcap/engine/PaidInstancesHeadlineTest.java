package dev.llmcap.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmcap.model.LLMCapacityPlan;
import dev.llmcap.model.PlanRequest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The headline names what is paid for: the instance type, how many, its GPUs and the idle ones. A plan that needs 2 or 4
 * GPUs but pays for a whole 8-GPU instance must say so in its first line, and a model one H100 serves goes on the
 * single-GPU P5 size, not on a p5.48xlarge with seven idle GPUs.
 */
class PaidInstancesHeadlineTest {
  private static LLMCapacityPlan plan(String model, String gpu, String cloud, String region) throws Exception {
    PlanRequest r = Engines.request(model, "FP16", gpu, 2, 500, 200);
    r.getService().setCloudProvider(cloud);
    r.getService().setRegion(region);
    return Engines.shared().plan(r, Map.of(), false);
  }

  @Test
  void aPlanOnPartOfAnEightGpuInstanceNamesTheInstanceAndItsIdleGpus() throws Exception {
    LLMCapacityPlan p = plan("llama-3.1-70b", "H200", "gcp", "us-central1");
    var c = p.cost();
    assertThat(c.gpusPerInstance()).isEqualTo(8);
    assertThat(c.idleGpusAtMaxReplicas()).isPositive();
    assertThat(p.headline().get(0)).contains("(" + p.gpuResources().totalGpus() + " GPUs at peak) on "
        + c.instancesAtMaxReplicas() + " x " + c.instanceType() + " (8 x H200 each, " + c.idleGpusAtMaxReplicas() + " idle)");
  }

  @Test
  void anEightBillionModelOnH100GoesOnTheSingleGpuP5Size() throws Exception {
    LLMCapacityPlan p = plan("llama-3.1-8b", "H100-80GB", "aws", "us-east-1");
    assertThat(p.gpuResources().minGpusPerReplica()).isEqualTo(1);
    assertThat(p.cost().instanceType()).isEqualTo("p5.4xlarge");
    assertThat(p.cost().idleGpusAtMaxReplicas()).isZero();
    assertThat(p.headline().get(0)).contains(" on " + p.cost().instancesAtMaxReplicas() + " x p5.4xlarge (1 x H100-80GB each)")
        .doesNotContain("idle");
  }
}
