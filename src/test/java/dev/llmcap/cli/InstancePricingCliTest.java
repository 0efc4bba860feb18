package dev.llmcap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** Regions, pricing models and the spot policy through the command line. */
class InstancePricingCliTest {
  private static final String[] WORKLOAD = {"--model", "llama-3.1-8b", "--precision", "FP16", "--rps", "2", "--input-tokens", "500",
      "--output-tokens", "200", "--gpu-type", "T4", "--no-compare", "--format", "json", "--no-trace"};

  private static String[] with(String... more) {
    String[] all = new String[WORKLOAD.length + more.length];
    System.arraycopy(WORKLOAD, 0, all, 0, WORKLOAD.length);
    System.arraycopy(more, 0, all, WORKLOAD.length, more.length);
    return all;
  }

  private static JsonNode json(CliRun r) throws Exception {
    assertThat(r.exit()).as(r.err()).isZero();
    return new ObjectMapper().readTree(r.out());
  }

  private static boolean hasFinding(JsonNode plan, String kind) {
    for (JsonNode f : plan.path("findings")) {
      if (kind.equals(f.path("kind").asText())) {
        return true;
      }
    }
    return false;
  }

  @Test
  void unknownRegionIsAUsageErrorNamingTheKnownOnes() {
    CliRun r = CliRun.of(with("--region", "mars-1"));
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("mars-1").contains("us-east-1").contains("eu-west-1").contains("cheapest");
    assertThat(r.out()).isEmpty();
    CliRun typo = CliRun.of(with("--region", "us-east-l"));
    assertThat(typo.exit()).isEqualTo(2);
    assertThat(typo.err()).contains("did you mean 'us-east-1'");
  }

  @Test
  void unknownPricingModelIsAUsageError() {
    CliRun r = CliRun.of(with("--pricing", "reserved-2y"));
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("reserved-2y").contains("spot");
  }

  @Test
  void misspeltCloudOrPricingFlagGetsKnownValuesAndASuggestion() {
    CliRun cloud = CliRun.of(with("--cloud", "awz"));
    assertThat(cloud.exit()).isEqualTo(2);
    assertThat(cloud.out()).isEmpty();
    assertThat(cloud.err()).contains("--cloud").contains("service.cloud_provider").contains("\"awz\"").contains("aws|gcp|azure")
        .contains("did you mean 'aws'?").doesNotContain("Exception");
    CliRun pricing = CliRun.of(with("--pricing", "on-demnd"));
    assertThat(pricing.exit()).isEqualTo(2);
    assertThat(pricing.err()).contains("--pricing").contains("service.pricing").contains("\"on-demnd\"")
        .contains("on-demand|reserved-1y|reserved-3y|spot|capacity-block").contains("did you mean 'on-demand'?");
    CliRun far = CliRun.of(with("--cloud", "oracle"));
    assertThat(far.exit()).isEqualTo(2);
    assertThat(far.err()).contains("\"oracle\"").contains("aws|gcp|azure").doesNotContain("did you mean");
  }

  @Test
  void misspeltCloudOrPricingInAConfigFileIsAUsageErrorFromARealProcess(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws Exception {
    java.nio.file.Path config = dir.resolve("bad.json");
    java.nio.file.Files.writeString(config, "{\"mode\": \"inference\", \"workload\": {\"requests_per_second\": 2, \"avg_input_tokens\": 500,"
        + " \"avg_output_tokens\": 200}, \"model\": {\"model_name\": \"llama-3.1-8b\"}, \"gpu\": {\"gpu_type\": \"T4\"},"
        + " \"service\": {\"cloud_provider\": \"gpc\", \"pricing\": \"spto\"}}");
    CliProcess.Result r = CliProcess.run(dir, "--config", config.toString(), "--no-trace");
    assertThat(r.exit()).as(r.err()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).contains("service.cloud_provider must be one of aws|gcp|azure (got \"gpc\"); did you mean 'gcp'?")
        .contains("service.pricing must be one of on-demand|reserved-1y|reserved-3y|spot|capacity-block (got \"spto\"); did you mean 'spot'?")
        .doesNotContain("Exception");
  }

  private static final String[] SEVENTY_B = {"--model", "llama-3.1-70b", "--precision", "FP8", "--rps", "10", "--input-tokens", "500",
      "--output-tokens", "200", "--format", "json", "--no-trace"};

  private static CliRun seventyB(String... more) {
    String[] all = new String[SEVENTY_B.length + more.length];
    System.arraycopy(SEVENTY_B, 0, all, 0, SEVENTY_B.length);
    System.arraycopy(more, 0, all, SEVENTY_B.length, more.length);
    return CliRun.of(all);
  }

  @Test
  void instanceTypeRestrictsThePlanToThatOfferAndSetsItsGpuAndCloud() throws Exception {
    // without the flag the rules pick the cheapest H100 offer; with it only p5.48xlarge is considered
    JsonNode p = json(seventyB("--instance-type", "p5.48xlarge", "--no-compare"));
    assertThat(p.path("cost").path("instance_type").asText()).isEqualTo("p5.48xlarge");
    assertThat(p.path("cost").path("cloud").asText()).isEqualTo("aws");
    assertThat(p.path("gpu_resources").path("recommended_gpu_type").asText()).isEqualTo("H100-80GB");
    assertThat(hasFinding(p, "instance_type")).isTrue();
    // L4 at TP4: the cheapest L4 offer for a 4-GPU 70B FP8 replica is the 4-GPU g6.12xlarge; asking for the 8-GPU
    // g6.48xlarge is honoured (two replicas share it) although it costs more
    JsonNode free = json(seventyB("--gpu-type", "L4", "--tensor-parallel", "4", "--no-compare"));
    JsonNode forced = json(seventyB("--gpu-type", "l4", "--tensor-parallel", "4", "--instance-type", "G6.48XLARGE", "--no-compare"));
    assertThat(free.path("cost").path("instance_type").asText()).isEqualTo("g6.12xlarge");
    assertThat(forced.path("cost").path("instance_type").asText()).isEqualTo("g6.48xlarge");
    assertThat(forced.path("cost").path("monthly_gpu_cost").asDouble()).isGreaterThan(free.path("cost").path("monthly_gpu_cost").asDouble());
  }

  @Test
  void multiGpuShapesFromThePriceSnapshotHoldTensorParallelReplicas() throws Exception {
    // GCP sells L4 in g2-standard-24/48/96 (2/4/8 GPUs); skypilot-catalog@017e2502 gcp/vms.csv lists the VM part and the
    // per-L4 GPU part separately: g2-standard-48 in us-central1 = $1.7615 + 4 x $0.56004 = $4.00166 per hour
    JsonNode gcp = json(seventyB("--gpu-type", "L4", "--cloud", "gcp", "--tensor-parallel", "4", "--no-compare"));
    assertThat(gcp.path("gpu_resources").path("min_gpus_per_replica").asInt()).isEqualTo(4);
    assertThat(gcp.path("cost").path("instance_type").asText()).isEqualTo("g2-standard-48");
    assertThat(gcp.path("cost").path("instance_hourly_usd").asDouble()).isCloseTo(4.00166, org.assertj.core.data.Offset.offset(1e-4));
    assertThat(gcp.path("cost").path("price_source").asText()).contains("VM part").contains("017e2502");
    // AWS g6e.48xlarge (8 x L40S) us-east-1 $30.13118 per hour (skypilot-catalog@001367d2 aws/vms.csv)
    JsonNode g6e = json(seventyB("--instance-type", "g6e.48xlarge", "--no-compare"));
    assertThat(g6e.path("cost").path("instance_hourly_usd").asDouble()).isCloseTo(30.13118, org.assertj.core.data.Offset.offset(1e-4));
    assertThat(g6e.path("cost").path("gpus_per_instance").asInt()).isEqualTo(8);
  }

  @Test
  void unknownInstanceTypeOrOneWithAnotherGpuOrCloudIsAUsageError() {
    CliRun typo = seventyB("--instance-type", "p5.48xlarg");
    assertThat(typo.exit()).isEqualTo(2);
    assertThat(typo.out()).isEmpty();
    assertThat(typo.err()).contains("gpu.instance_type 'p5.48xlarg'").contains("did you mean 'p5.48xlarge'?")
        .contains("close known instance types: p5.48xlarge, ");
    CliRun otherGpu = seventyB("--instance-type", "g6e.12xlarge", "--gpu-type", "H100");
    assertThat(otherGpu.exit()).isEqualTo(2);
    assertThat(otherGpu.err()).contains("'g6e.12xlarge' carries 4 x L40S, not gpu.gpu_type 'H100'");
    CliRun otherCloud = seventyB("--instance-type", "p5.48xlarge", "--cloud", "gcp");
    assertThat(otherCloud.exit()).isEqualTo(2);
    assertThat(otherCloud.err()).contains("instance type of aws, not of service.cloud_provider 'gcp'");
  }

  @Test
  void regionWithoutTheGpuIsSaidSoAndNotSilentlySubstituted() throws Exception {
    JsonNode p = json(CliRun.of(with("--cloud", "aws", "--region", "us-west-2")));
    assertThat(p.path("cost").path("monthly_gpu_cost").isMissingNode() || p.path("cost").path("monthly_gpu_cost").isNull()).isTrue();
    assertThat(p.toString()).contains("aws/us-west-2 has no on-demand price for T4").contains("us-east-1");
  }

  @Test
  void cheapestRegionOnlyWhenAskedAndTheChoiceIsNamed() throws Exception {
    JsonNode def = json(CliRun.of(with("--cloud", "aws")));
    assertThat(def.path("cost").path("region").asText()).isEqualTo("us-east-1");
    JsonNode cheapest = json(CliRun.of(with("--cloud", "gcp", "--region", "cheapest")));
    assertThat(cheapest.path("cost").path("region").asText()).isEqualTo("us-central1"); // T4 $0.35/GPU-h there
    assertThat(hasFinding(cheapest, "region_choice")).isTrue();
  }

  @Test
  void spotIsRefusedForProdHighByDefaultAndAllowedWithSpares() throws Exception {
    JsonNode refused = json(CliRun.of(with("--cloud", "aws", "--region", "us-east-1", "--pricing", "spot", "--environment", "prod",
        "--criticality", "high")));
    assertThat(hasFinding(refused, "spot_refused")).isTrue();
    // 8B FP16 needs TP2 on T4: two replicas share each 4-GPU g4dn.12xlarge, so one interruption takes two replicas
    assertThat(refused.toString()).contains("--spare-replicas 2");
    assertThat(refused.path("cost").path("monthly_gpu_cost").isMissingNode() || refused.path("cost").path("monthly_gpu_cost").isNull()).isTrue();

    JsonNode allowed = json(CliRun.of(with("--cloud", "aws", "--region", "us-east-1", "--pricing", "spot", "--environment", "prod",
        "--criticality", "high", "--spare-replicas", "2")));
    assertThat(hasFinding(allowed, "spot_refused")).isFalse();
    assertThat(hasFinding(allowed, "spot")).isTrue();
    assertThat(allowed.path("cost").path("pricing").asText()).isEqualTo("spot");
    assertThat(allowed.path("cost").path("monthly_gpu_cost").asDouble()).isPositive();
    assertThat(allowed.path("gpu_resources").path("min_replicas").asInt())
        .isEqualTo(refused.path("gpu_resources").path("min_replicas").asInt() + 2);

    JsonNode dev = json(CliRun.of(with("--cloud", "aws", "--region", "us-east-1", "--pricing", "spot", "--environment", "dev",
        "--criticality", "low")));
    assertThat(hasFinding(dev, "spot_refused")).isFalse();
    assertThat(dev.path("cost").path("monthly_gpu_cost").asDouble()).isPositive();
  }
}
