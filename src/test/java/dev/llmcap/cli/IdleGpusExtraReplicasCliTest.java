package dev.llmcap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmcap.config.Json;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Through a real subprocess: idle GPUs of the paid instances that hold whole replicas are reported with the capacity they add. */
class IdleGpusExtraReplicasCliTest {
  private static final Pattern FINDING = Pattern.compile("(\\d+) idle H200 on the paid (\\d+) x a3-ultragpu-8g hold (\\d+) more 1-GPU replica\\(s\\) "
      + "at no extra cost: max (\\d+) replicas, ([0-9.]+) req/s peak capacity \\(was ([0-9.]+) at (\\d+) replicas\\)");

  @TempDir
  Path dir;

  /**
   * GCP rents H200 only as 8-GPU a3-ultragpu-8g: the 70B FP8 plan at 10 req/s needs 5 one-GPU replicas at peak. Staging
   * keeps the replicas in one zone (prod spreads them over two, each zone with its own instances).
   */
  private JsonNode plan(String... extra) throws Exception {
    String[] base = {"--model", "llama-3.1-70b", "--precision", "FP8", "--gpu-type", "H200", "--cloud", "gcp", "--rps", "10",
        "--input-tokens", "1000", "--output-tokens", "200", "--environment", "staging", "--no-compare", "--no-trace", "--format", "json"};
    String[] args = new String[base.length + extra.length];
    System.arraycopy(base, 0, args, 0, base.length);
    System.arraycopy(extra, 0, args, base.length, extra.length);
    CliProcess.Result r = CliProcess.run(dir, args);
    assertThat(r.exit()).as(r.err()).isZero();
    return Json.mapper().readTree(r.out());
  }

  private static String finding(JsonNode p, String kind) {
    for (JsonNode f : p.path("findings")) {
      if (kind.equals(f.path("kind").asText())) {
        return f.path("message").asText();
      }
    }
    return null;
  }

  @Test
  void threeIdleH200HoldThreeMoreReplicasAndTheirCapacity() throws Exception {
    JsonNode p = plan();
    assertThat(p.path("cost").path("instance_type").asText()).isEqualTo("a3-ultragpu-8g");
    assertThat(p.path("cost").path("idle_gpus_at_max_replicas").asInt()).isEqualTo(3);
    String f = finding(p, "idle_gpus");
    assertThat(f).as("idle_gpus finding in %s", p.path("findings")).isNotNull();
    Matcher m = FINDING.matcher(f);
    assertThat(m.find()).as(f).isTrue();
    assertThat(Integer.parseInt(m.group(1))).isEqualTo(3);
    assertThat(Integer.parseInt(m.group(2))).isEqualTo(1);
    assertThat(Integer.parseInt(m.group(3))).isEqualTo(3);
    assertThat(Integer.parseInt(m.group(4))).isEqualTo(8);
    // the plan's autoscaling range is kept as sized: only the finding offers the free headroom
    int max = p.path("gpu_resources").path("max_replicas").asInt();
    assertThat(max).isEqualTo(5);
    assertThat(Integer.parseInt(m.group(7))).isEqualTo(max);
    // capacities are the rules' own per-replica capacity times the replica counts, not new figures
    double perReplica = p.path("throughput").path("rps_capacity_per_replica").asDouble();
    assertThat(Double.parseDouble(m.group(5))).isCloseTo(8 * perReplica, Offset.offset(8 * perReplica * 0.001));
    assertThat(Double.parseDouble(m.group(6))).isCloseTo(max * perReplica, Offset.offset(max * perReplica * 0.001));
    // a 70B FP8 replica on one H200 serves a few req/s (not tens): 8 of them hold the 10 req/s with headroom
    assertThat(Double.parseDouble(m.group(5))).isBetween(10.0, 80.0);
  }

  @Test
  void noFindingWhenTheInstanceHasNoIdleGpu() throws Exception {
    JsonNode p = plan("--replicas", "8");
    assertThat(p.path("cost").path("idle_gpus_at_max_replicas").asInt()).isZero();
    assertThat(finding(p, "idle_gpus")).isNull();
  }

  @Test
  void fourGpuReplicasCountWholeReplicasOnTheIdleGpus() throws Exception {
    // TP4 replicas, two per 8-GPU instance: 3 replicas pay 2 instances and leave 4 idle GPUs = one more replica;
    // 4 replicas fill both instances. (Idle GPUs fewer than a replica needs: rules/tests/idle-gpus-fewer-than-a-replica.yaml.)
    JsonNode three = plan("--tensor-parallel", "4", "--replicas", "3");
    assertThat(three.path("gpu_resources").path("min_gpus_per_replica").asInt()).isEqualTo(4);
    assertThat(three.path("cost").path("idle_gpus_at_max_replicas").asInt()).isEqualTo(4);
    assertThat(finding(three, "idle_gpus")).contains("4 idle H200 on the paid 2 x a3-ultragpu-8g hold 1 more 4-GPU replica(s)")
        .contains("max 4 replicas");
    JsonNode four = plan("--tensor-parallel", "4", "--replicas", "4");
    assertThat(four.path("cost").path("idle_gpus_at_max_replicas").asInt()).isZero();
    assertThat(finding(four, "idle_gpus")).isNull();
  }
}
