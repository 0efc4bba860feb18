package dev.llmcap.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Sweep keys and the order of combinations. */
class SweepTest {
  @Test
  void keysMapToFlagsAliasesAndConfigPaths() {
    assertThat(Sweep.flagOf("rps")).isEqualTo("rps");
    assertThat(Sweep.flagOf("gpu")).isEqualTo("gpu-type");
    assertThat(Sweep.flagOf("gpu-type")).isEqualTo("gpu-type");
    assertThat(Sweep.flagOf("workload.requests_per_second")).isEqualTo("rps");
    assertThat(Sweep.flagOf("avg_input_tokens")).isEqualTo("input-tokens");
    assertThat(Sweep.flagOf("colour")).isNull();
  }

  @Test
  void crossProductFirstAxisSlowestEveryCombinationOnce() {
    Sweep s = Sweep.parse(List.of("gpu=A,B,C", "rps=5,10,20,40", "precision=FP16,FP8"));
    assertThat(s.size()).isEqualTo(24);
    assertThat(s.columns()).containsExactly("sweep_gpu", "sweep_rps", "sweep_precision");
    assertThat(s.combination(0)).isEqualTo(Map.of("gpu-type", "A", "rps", "5", "precision", "FP16"));
    assertThat(s.combination(1).values()).containsExactly("A", "5", "FP8");
    assertThat(s.combination(23).values()).containsExactly("C", "40", "FP8");
    Set<List<String>> all = new HashSet<>();
    for (int i = 0; i < s.size(); i++) {
      all.add(List.copyOf(s.combination(i).values()));
    }
    assertThat(all).hasSize(24);
  }

  @Test
  void badSpecsAreRejected() {
    assertThatThrownBy(() -> Sweep.parse(List.of("nope=1"))).hasMessageContaining("known keys");
    assertThatThrownBy(() -> Sweep.parse(List.of("rps="))).hasMessageContaining("no values");
    assertThatThrownBy(() -> Sweep.parse(List.of("gpu=A", "gpu-type=B"))).hasMessageContaining("same field");
  }
}
