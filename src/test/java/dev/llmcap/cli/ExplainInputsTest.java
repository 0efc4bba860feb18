package dev.llmcap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** --explain says, for every input, whether it came from the config, a flag or a default (and which assumption). */
class ExplainInputsTest {
  private static String inputs(CliRun r) {
    assertThat(r.exit()).as(r.err()).isZero();
    String out = r.out();
    return out.substring(out.indexOf("\nInputs\n"), out.indexOf("\nAudit trace"));
  }

  @Test
  void configFlagAndDefaultAreEachNamed() {
    String s = inputs(CliRun.of("--config", "examples/chat-service.json", "--rps", "20", "--no-compare", "--explain"));
    assertThat(s)
        .contains("  workload.requests_per_second: flag --rps\n")
        .contains("  workload.avg_input_tokens: config chat-service.json\n")
        .contains("  model.model_name: config chat-service.json\n")
        .contains("  model.kv_cache_precision: default (assumption default.kv_cache_precision.FP8)\n")
        .contains("  model.batch_size: default (assumption default.batch_size)\n")
        .contains("  options.compare_gpus: flag --no-compare\n")
        .contains("  gpu.gpu_type: not set\n");
  }

  @Test
  void flagsOnlyRunListsEveryDefaultWithItsAssumption() {
    String s = inputs(CliRun.of("--model", "llama-3.1-8b", "--rps", "2", "--input-tokens", "300", "--output-tokens", "100",
        "--gpu-type", "L4", "--no-compare", "--explain"));
    assertThat(s)
        .contains("  model.model_name: flag --model\n")
        .contains("  gpu.gpu_type: flag --gpu-type\n")
        .contains("  model.precision: default (assumption default.precision)\n")
        .contains("  workload.peak_load_multiplier: default (assumption default.peak_load_multiplier)\n")
        .contains("  gpu.target_gpu_utilization: default (assumption default.target_gpu_utilization)\n")
        .contains("  service.cloud_provider: default (assumption default.cloud)\n");
    // every line names a source
    for (String line : s.strip().split("\n")) {
      if (line.startsWith("  ")) {
        assertThat(line).matches("  [a-z_.0-9]+: (config .+|flag --[a-z-]+|default \\(assumption [a-z_.A-Z0-9]+\\)|not set)");
      }
    }
  }
}
