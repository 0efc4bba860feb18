package dev.llmcap.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmcap.catalog.GpuPrice;
import dev.llmcap.catalog.GpuSpec;
import dev.llmcap.model.LLMCapacityPlan;
import dev.llmcap.model.PlanRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Plans live on instances one can rent: whole instances, fast-link domains respected, cost = instances x price x hours. */
class InstancePlansTest {
  private static final Set<String> PRICING_MODELS = Set.of("on-demand", "reserved-1y", "reserved-3y", "spot", "capacity-block");

  private static LLMCapacityPlan plan(PlanRequest r) throws Exception {
    return Engines.shared().plan(r, Map.of(), false);
  }

  private static double hoursPerMonth() throws Exception {
    return Engines.shared().assumptions().number("hours_per_month");
  }

  private static PlanRequest onRow(GpuPrice p, String model, String precision) {
    PlanRequest r = Engines.request(model, precision, p.getGpu(), 1, 500, 200);
    r.getService().setCloudProvider(p.getCloud());
    r.getService().setRegion(p.getRegion());
    r.getService().setPricing(p.getPricing());
    r.getService().setEnvironment("dev");
    r.getService().setCriticality("low");
    return r;
  }

  /** The price rows of the same GPU, cloud, region and pricing model (the offers the rules choose among). */
  private static List<GpuPrice> offers(GpuPrice p) {
    GpuSpec g = Engines.shared().catalog().gpu(p.getGpu()).orElseThrow();
    List<GpuPrice> out = new ArrayList<>();
    for (GpuPrice o : g.getPrices()) {
      if (o.getCloud().equals(p.getCloud()) && o.getRegion().equals(p.getRegion()) && o.getPricing().equals(p.getPricing())) {
        out.add(o);
      }
    }
    return out;
  }

  private static int instancesFor(int gpr, int tp, int pp, int gpi, int replicas) {
    if (gpr <= gpi) {
      int per = gpi / gpr;
      return (replicas + per - 1) / per;
    }
    int perReplica = tp <= gpi ? (pp + gpi / tp - 1) / (gpi / tp) : (gpr + gpi - 1) / gpi;
    return replicas * perReplica;
  }

  @Test
  void everyCatalogPriceRowPricesWholeInstancesThatHoldTheLayout() throws Exception {
    double hours = hoursPerMonth();
    int checked = 0;
    for (GpuSpec g : Engines.shared().catalog().gpus()) {
      for (GpuPrice row : g.getPrices()) {
        assertThat(row.getPricing()).as(row.toString()).isIn(PRICING_MODELS);
        assertThat(row.getShapeSource()).as("shape source of " + row).isNotBlank();
        assertThat(row.getSource()).as("price source of " + row).isNotBlank();
        assertThat(row.getDate()).as("price date of " + row).isNotBlank();
        assertThat(row.getScaleOutGbps()).as("scale-out network of " + row).isPositive();
        LLMCapacityPlan p = plan(onRow(row, "mpt-1b", "FP16"));
        String what = row.toString();
        LLMCapacityPlan.Cost c = p.cost();
        assertThat(c).as(what).isNotNull();
        assertThat(c.instanceType()).as(what + ": instance chosen").isNotNull();
        GpuPrice chosen = offers(row).stream().filter(o -> o.getInstanceType().equals(c.instanceType())).findFirst().orElseThrow();
        int tp = p.gpuResources().tensorParallel();
        int pp = p.gpuResources().pipelineParallel();
        int gpr = p.gpuResources().minGpusPerReplica();
        assertThat(tp).as(what + ": TP inside one fast-link domain").isLessThanOrEqualTo(chosen.getTensorDomainGpus());
        assertThat(c.instancesAtMaxReplicas() * chosen.getInstanceGpus()).as(what + ": instances hold the replicas")
            .isGreaterThanOrEqualTo(p.gpuResources().maxReplicas() * gpr);
        assertThat(c.instancesAtMaxReplicas()).isEqualTo(instancesFor(gpr, tp, pp, chosen.getInstanceGpus(), p.gpuResources().maxReplicas()));
        double price = chosen.getInstanceUsdPerHour();
        assertThat(c.monthlyGpuCostAtMinReplicas()).as(what).isCloseTo(c.instancesAtMinReplicas() * price * hours, org.assertj.core.data.Offset.offset(0.01));
        assertThat(c.monthlyGpuCostAtMaxReplicas()).as(what).isCloseTo(c.instancesAtMaxReplicas() * price * hours, org.assertj.core.data.Offset.offset(0.01));
        assertThat(c.monthlyGpuCost()).as(what).isCloseTo(c.expectedInstances() * price * hours, org.assertj.core.data.Offset.offset(0.01 + 1e-4 * price * hours));
        // the chosen offer is the cheapest of those whose fast-link domain holds the tensor-parallel group
        for (GpuPrice o : offers(row)) {
          if (o.getTensorDomainGpus() >= tp) {
            int atMax = instancesFor(gpr, tp, pp, o.getInstanceGpus(), p.gpuResources().maxReplicas());
            int atMin = instancesFor(gpr, tp, pp, o.getInstanceGpus(), p.gpuResources().minReplicas());
            assertThat(c.instancesAtMinReplicas() * price).as(what + " vs " + o).isLessThanOrEqualTo(atMin * o.getInstanceUsdPerHour() + 1e-6
                + (atMax - atMin) * o.getInstanceUsdPerHour());
          }
        }
        checked++;
      }
    }
    assertThat(checked).isGreaterThan(80);
  }

  @Test
  void seventyBOnT4PlansOnFourGpuInstancesNotOneGpuOnes() throws Exception {
    PlanRequest r = Engines.request("llama-3.1-70b", "FP16", "T4", 10, 500, 200);
    r.getService().setCloudProvider("aws");
    LLMCapacityPlan p = plan(r);
    assertThat(p.cost().instanceType()).isEqualTo("g4dn.12xlarge");
    assertThat(p.cost().gpusPerInstance()).isEqualTo(4);
    assertThat(p.gpuResources().tensorParallel()).isLessThanOrEqualTo(4);
    assertThat(p.cost().instancesPerReplica()).isEqualTo(p.gpuResources().minGpusPerReplica() / 4);
    assertThat(p.cost().instancesAtMaxReplicas()).isEqualTo(p.gpuResources().maxReplicas() * p.gpuResources().minGpusPerReplica() / 4);
  }

  @Test
  void h200OnGcpIsPlannedOnWholeEightGpuInstancesOnePerZone() throws Exception {
    PlanRequest r = Engines.request("llama-3.1-70b", "FP8", "H200", 10, 500, 200);
    r.getService().setCloudProvider("gcp");
    LLMCapacityPlan p = plan(r);
    assertThat(p.cost().region()).isEqualTo("us-central1");
    assertThat(p.cost().instanceType()).isEqualTo("a3-ultragpu-8g");
    assertThat(p.cost().gpusPerInstance()).isEqualTo(8);
    int gpus = p.gpuResources().maxReplicas() * p.gpuResources().minGpusPerReplica();
    // prod / medium spreads the 2-3 one-GPU replicas over 2 zones: an instance lives in one zone, so one in each
    assertThat(p.gpuResources().maxReplicas()).isEqualTo(3);
    assertThat(p.cost().instancesAtMinReplicas()).isEqualTo(2);
    assertThat(p.cost().instancesAtMaxReplicas()).isEqualTo(2);
    assertThat(p.cost().idleGpusAtMaxReplicas()).isEqualTo(p.cost().instancesAtMaxReplicas() * 8 - gpus);
    assertThat(p.cost().monthlyGpuCostAtMaxReplicas()).isCloseTo(p.cost().instancesAtMaxReplicas() * 86.75992 * 730,
        org.assertj.core.data.Offset.offset(0.01));
  }

  @Test
  void tensorParallelNeverExceedsTheFastLinkDomain() throws Exception {
    PlanRequest r = Engines.request("llama-3.1-70b", "FP16", "T4", 1, 500, 200);
    r.getService().setCloudProvider("aws");
    r.getGpu().setTensorParallel(8); // g4dn instances hold at most 4 T4 on PCIe
    LLMCapacityPlan p = plan(r);
    assertThat(p.verdict()).isEqualTo("infeasible");
    assertThat(p.gpuResources().tensorParallel()).isNull();
  }

  @Test
  void gb200Nvl72MayUseTensorParallelAboveEight() throws Exception {
    PlanRequest r = Engines.request("llama-3.1-405b", "FP8", "GB200", 2, 500, 200);
    r.getGpu().setTensorParallel(16);
    LLMCapacityPlan p = plan(r);
    assertThat(p.gpuResources().tensorParallel()).isEqualTo(16);
    assertThat(p.verdict()).isNotEqualTo("infeasible");
    PlanRequest h = Engines.request("llama-3.1-405b", "FP8", "H100-80GB", 2, 500, 200);
    h.getGpu().setTensorParallel(16); // an HGX board has 8 GPUs on NVLink: TP 16 would span two domains
    assertThat(plan(h).gpuResources().tensorParallel()).isNull();
  }

  private static PlanRequest eightOneGpuReplicasOfL4() {
    PlanRequest r = Engines.request("llama-3.1-8b", "FP8", "L4", 0.1, 500, 200);
    r.getService().setCloudProvider("aws");
    r.getService().setRegion("us-east-1");
    r.getService().setEnvironment("dev");
    r.getService().setCriticality("low");
    r.getGpu().setSpareReplicas(7);
    return r;
  }

  /** An engine over a copy of the repository whose L4 g6.48xlarge row in us-east-1 has a test-only price. */
  private static LLMForecastEngine withEightGpuL4Price(Path home, String usdPerHour) throws Exception {
    copy(Path.of("rules"), home.resolve("rules"));
    copy(Path.of("model-catalog"), home.resolve("model-catalog"));
    copy(Path.of("gpu-catalog"), home.resolve("gpu-catalog"));
    Path l4 = home.resolve("gpu-catalog/L4.json");
    String json = Files.readString(l4);
    int at = json.indexOf("\"region\": \"us-east-1\",\n      \"instance_type\": \"g6.48xlarge\",");
    assertThat(at).isPositive();
    int priceAt = json.indexOf("\"usd_per_instance_hour\":", at);
    int end = json.indexOf(',', priceAt);
    Files.writeString(l4, json.substring(0, priceAt) + "\"usd_per_instance_hour\": " + usdPerHour + json.substring(end));
    return new LLMForecastEngine(Workspace.under(home), Map.of());
  }

  @Test
  void oneGpuReplicasUseOneGpuInstancesWhenThoseAreCheaper() throws Exception {
    // list prices in us-east-1: one g6.48xlarge ($13.3504/h) costs more than eight g6.xlarge ($0.8048/h each)
    LLMCapacityPlan p = plan(eightOneGpuReplicasOfL4());
    assertThat(p.gpuResources().minGpusPerReplica()).isEqualTo(1);
    assertThat(p.gpuResources().minReplicas()).isEqualTo(8);
    assertThat(p.cost().instanceType()).isEqualTo("g6.xlarge");
    assertThat(p.cost().instancesAtMinReplicas()).isEqualTo(8);
  }

  @Test
  void eightOneGpuReplicasPackIntoOneEightGpuInstanceWhenCheaper(@TempDir Path home) throws Exception {
    // test-only price: the 8-GPU instance made cheaper than eight 1-GPU ones ($5.00/h < 8 x $0.8048/h)
    LLMCapacityPlan p = withEightGpuL4Price(home, "5.0").plan(eightOneGpuReplicasOfL4(), Map.of(), false);
    assertThat(p.gpuResources().minReplicas()).isEqualTo(8);
    assertThat(p.cost().instanceType()).isEqualTo("g6.48xlarge");
    assertThat(p.cost().replicasPerInstance()).isEqualTo(8);
    assertThat(p.cost().instancesAtMinReplicas()).isEqualTo(1);
    assertThat(p.cost().idleGpusAtMaxReplicas()).isZero();
    assertThat(p.cost().monthlyGpuCostAtMinReplicas()).isCloseTo(5.0 * 730, org.assertj.core.data.Offset.offset(0.01));
  }

  @Test
  void realUsWest2OfferPacksOneGpuReplicasOntoTheEightGpuInstance() throws Exception {
    PlanRequest r = eightOneGpuReplicasOfL4();
    r.getService().setRegion("us-west-2"); // L4 is listed there only as g6.48xlarge
    LLMCapacityPlan p = plan(r);
    assertThat(p.cost().instanceType()).isEqualTo("g6.48xlarge");
    assertThat(p.cost().replicasPerInstance()).isEqualTo(8);
    assertThat(p.cost().instancesAtMinReplicas()).isEqualTo(1);
  }

  @Test
  void uncalibratedGpusAreMarkedAndNeverRecommendedOverCalibratedOnes() throws Exception {
    PlanRequest r = Engines.request("llama-3.1-70b", "FP8", null, 10, 500, 200);
    r.getOptions().setCompareGpus(true);
    r.getService().setCloudProvider("aws");
    LLMCapacityPlan p = plan(r);
    String rec = p.gpuResources().recommendedGpuType();
    LLMCapacityPlan.GpuOption top = p.gpuOptions().get(0);
    assertThat(top.gpu()).isEqualTo(rec);
    assertThat(top.calibration()).isEqualTo("calibrated");
    boolean seenUncalibrated = false;
    for (LLMCapacityPlan.GpuOption o : p.gpuOptions()) {
      if (!"ok".equals(o.verdict()) || o.monthlyTotalCost() == null) {
        continue;
      }
      if ("uncalibrated".equals(o.calibration())) {
        seenUncalibrated = true;
      } else {
        assertThat(seenUncalibrated).as(o.gpu() + " ranked after an uncalibrated GPU").isFalse();
      }
    }
    PlanRequest b = Engines.request("llama-3.1-70b", "FP8", "B200", 10, 500, 200);
    LLMCapacityPlan pb = plan(b);
    assertThat(pb.findings()).anySatisfy(f -> {
      assertThat(f.kind()).isEqualTo("uncalibrated");
      assertThat(f.message()).contains("Hopper");
    });
  }

  private static void copy(Path from, Path to) throws Exception {
    try (Stream<Path> s = Files.walk(from)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        Path t = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(t);
        } else {
          Files.copy(p, t);
        }
      }
    }
  }
}
