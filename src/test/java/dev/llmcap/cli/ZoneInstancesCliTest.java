package dev.llmcap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Through a real subprocess: a prod service whose replicas are spread over two zones is priced on one instance per zone
 * (GCP rents H200 only as the 8-GPU a3-ultragpu-8g; one instance lives in one zone). Before instances were packed per
 * zone this plan read "on 1 x a3-ultragpu-8g (8 x H200 each, 5 idle), $63,508/month" next to "spread 2-3 replicas over 2 zones".
 */
class ZoneInstancesCliTest {
  @TempDir
  Path dir;

  private CliProcess.Result plan(String environment) throws Exception {
    CliProcess.Result r = CliProcess.run(dir, "--model", "llama-3.1-70b", "--precision", "FP8", "--gpu-type", "H200", "--cloud", "gcp",
        "--rps", "10", "--input-tokens", "500", "--output-tokens", "200", "--environment", environment, "--no-compare");
    assertThat(r.exit()).as(r.err()).isZero();
    return r;
  }

  @Test
  void twoZonesRentOneEightGpuInstanceEach() throws Exception {
    String out = plan("prod").out();
    assertThat(out).contains("2-3 replicas (3 GPUs at peak) on 2 x a3-ultragpu-8g (8 x H200 each, 13 idle), $126,843/month")
        .contains("spread 2-3 replicas over 2 zones (at most 2 per zone)")
        .containsPattern("instances at min / max replicas +2 / 2 \\(8 replicas per instance\\)")
        .contains("13 idle H200 on the paid 2 x a3-ultragpu-8g hold 13 more 1-GPU replica(s) at no extra cost: max 16 replicas");
  }

  @Test
  void oneZoneStillPacksTheReplicasOnOneInstance() throws Exception {
    // staging keeps the replicas in one zone: one instance as before zones were counted (one load balancer, not 2)
    String out = plan("staging").out();
    assertThat(out).contains("on 1 x a3-ultragpu-8g (8 x H200 each, 5 idle), $63,483/month")
        .doesNotContain("zone_spread");
  }
}
