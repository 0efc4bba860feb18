package dev.llmcap.training;

import dev.llmcap.testsupport.CliRun;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmcap.cli.CliProcess;
import dev.llmcap.cli.Main;
import dev.llmcap.config.Json;
import dev.llmcap.fuzz.Figures;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Absurd training inputs (issue 16): a run beyond the sanity limits of rules/training/sanity.drl is infeasible with the
 * limit it crosses, never ok; a value outside a field's physical range is refused naming the field; and no output ever
 * holds a non-finite number or a saturated integer.
 */
class TrainingSanityTest {

  private static CliRun run(String... args) {
    return CliRun.of(args);
  }

  private static String[] training(String... extra) {
    List<String> a = new ArrayList<>(List.of("--mode", "training", "--format", "json", "--no-trace", "--gradient-checkpointing",
        "--training-precision", "BF16", "--sequence-length", "4096"));
    a.addAll(List.of(extra));
    return a.toArray(new String[0]);
  }

  static Stream<Arguments> absurdRuns() {
    return Stream.of(
        Arguments.of("a quadrillion tokens x 10,000 epochs on 70B", "costs $",
            training("--dataset-size", "1000000000000000", "--epochs", "10000", "--global-batch-size", "64", "--model-size", "70")),
        Arguments.of("a million GPUs given", "a cluster of 1000000 GPUs exceeds the sanity limit of 100000 GPUs",
            training("--dataset-size", "1000000000", "--epochs", "1", "--global-batch-size", "10000000", "--model-size", "8",
                "--num-gpus", "1000000", "--gpu-type", "H100-80GB")),
        Arguments.of("a trillion tokens x 100 epochs on 8 GPUs", "days (failures and restarts included), beyond the sanity limit of 365 days",
            training("--dataset-size", "1000000000000", "--epochs", "100", "--global-batch-size", "64", "--model-size", "8",
                "--num-gpus", "8", "--gpu-type", "H100-80GB")),
        Arguments.of("a 100-trillion-parameter model", "beyond the sanity limit",
            training("--dataset-size", "1000000000000000", "--epochs", "1", "--global-batch-size", "64", "--model-size", "100000")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("absurdRuns")
  void absurdRunIsInfeasibleWithTheLimitItCrosses(String name, String reason, String[] args) throws Exception {
    CliRun r = run(args);
    assertThat(r.code()).as(r.err()).isZero();
    JsonNode plan = Json.mapper().readTree(r.out());
    assertThat(plan.path("verdict").asText()).isEqualTo("infeasible");
    assertThat(plan.path("headline").get(0).asText()).startsWith("INFEASIBLE: ").contains(reason);
    assertThat(plan.path("headline").get(1).asText()).contains("rules/assumptions.json");
    assertThat(Figures.bad(plan)).as("non-finite or saturated figures").isEmpty();
    for (JsonNode option : plan.path("gpu_options")) {
      assertThat(option.path("status").asText()).as(option.toString()).isNotEqualTo("ok");
    }
  }

  @Test
  void raisingTheLimitMakesTheSameRunOk() throws Exception {
    String[] args = training("--dataset-size", "1000000000000", "--epochs", "100", "--global-batch-size", "64", "--model-size", "8",
        "--num-gpus", "8", "--gpu-type", "H100-80GB", "--set", "sanity.train_max_days=36500");
    CliRun r = run(args);
    assertThat(r.code()).as(r.err()).isZero();
    JsonNode plan = Json.mapper().readTree(r.out());
    assertThat(plan.path("verdict").asText()).as(plan.path("headline").toString()).isEqualTo("ok");
    assertThat(plan.path("goodput").path("expected_duration_days").asDouble()).isBetween(365.0, 36500.0);
  }

  static Stream<Arguments> outOfRange() {
    return Stream.of(
        Arguments.of(new String[] {"--dataset-size", "1e30"}, "training.dataset_size_tokens", "1E+30"),
        Arguments.of(new String[] {"--epochs", "1e9"}, "training.num_epochs must be <= 10000", "1E+9"),
        Arguments.of(new String[] {"--target-days", "1e-300"}, "training.target_days must be >= 0.01", "1E-300"),
        Arguments.of(new String[] {"--target-utilization", "1e-300"}, "gpu.target_gpu_utilization must be >= 0.05", "1E-300"),
        Arguments.of(new String[] {"--model-size", "1e-300"}, "model.model_size_billions must be >= 0.001", "1E-300"),
        Arguments.of(new String[] {"--gpu-memory-gb", "1e-300"}, "gpu.gpu_memory_gb must be >= 1", "1E-300"),
        Arguments.of(new String[] {"--num-gpus", "1e-300"}, "training.num_gpus must be >= 1", "1E-300"),
        Arguments.of(new String[] {"--num-gpus", "2147483648"}, "training.num_gpus must be <= 1000000", "2147483648"),
        Arguments.of(new String[] {"--micro-batch-size", "1e30"}, "training.micro_batch_size", "1E+30"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("outOfRange")
  void valueOutsideItsPhysicalRangeIsAUsageErrorNamingTheField(String[] bad, String message, String echoed) {
    Map<String, String> base = new java.util.LinkedHashMap<>(Map.of("--dataset-size", "1000000000", "--epochs", "1",
        "--global-batch-size", "64", "--model-size", "8"));
    base.put(bad[0], bad[1]);
    List<String> args = new ArrayList<>(List.of("--mode", "training", "--no-trace"));
    base.forEach((k, v) -> args.addAll(List.of(k, v)));
    CliRun r = run(args.toArray(new String[0]));
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).contains(bad[0]).contains(message).contains("(got " + echoed + ")").doesNotContain("Exception").doesNotContain("\tat ");
  }

  @Test
  void formatNotWrittenForTrainingListsTheFormatsThatAre() {
    CliRun r = run("--mode", "training", "--dataset-size", "1000000000", "--epochs", "1", "--global-batch-size", "64", "--model-size", "8",
        "--sequence-length", "4096", "--format", "csv");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("--format csv is not available for a training plan (formats: ").doesNotContain("|csv");
  }

  @Test
  void absurdRunInARealProcessPrintsNoStackTraceAndNoNonFiniteNumber(@TempDir Path tmp) throws Exception {
    CliProcess.Result r = CliProcess.run(tmp, training("--dataset-size", "1000000000000000", "--epochs", "10000", "--global-batch-size", "1",
        "--sequence-length", "16", "--model-size", "100000", "--gpu-type", "T4"));
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.err()).doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("internal error");
    JsonNode plan = Json.mapper().readTree(r.out());
    assertThat(plan.path("verdict").asText()).isEqualTo("infeasible");
    assertThat(Figures.bad(plan)).isEmpty();
  }
}
