package dev.llmcap.training;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmcap.cli.Main;
import dev.llmcap.config.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Golden training plans: the JSON of three runs (the seed's training config; a LoRA run sized for a deadline; a full
 * fine-tune that does not fit the GPUs given) compared exactly with src/test/resources/golden/training/*.json, without
 * the trace and the rules section (path and hash change with any rule file). Regenerate after an intended change with
 * {@code mvn -o test -Dtest=TrainingGoldenTest -Dllmcap.updateGolden=true} and review the diff.
 */
class TrainingGoldenTest {
  private static final Path DIR = Path.of("src/test/resources/golden/training");

  @TempDir
  Path tmp;

  private static List<String> args(String name) {
    switch (name) {
      case "seed-70b-full":
        return List.of("--config", "examples/training_config.json");
      case "llama-3.1-8b-lora-deadline":
        return List.of("--mode", "training", "--model", "llama-3.1-8b", "--method", "lora", "--lora-rank", "16", "--dataset-size",
            "2000000000", "--sequence-length", "4096", "--epochs", "2", "--global-batch-size", "128", "--micro-batch-size", "4",
            "--gradient-checkpointing", "--training-precision", "BF16", "--optimizer", "AdamW", "--gpu-type", "A100-80GB",
            "--target-days", "0.5", "--cloud", "aws", "--region", "us-east-1");
      case "llama-3.1-70b-on-8xL4-infeasible":
        return List.of("--mode", "training", "--model", "llama-3.1-70b", "--dataset-size", "1000000000", "--sequence-length", "8192",
            "--epochs", "1", "--global-batch-size", "16", "--num-gpus", "8", "--gpu-type", "L4", "--training-precision", "BF16");
      default:
        throw new IllegalArgumentException(name);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"seed-70b-full", "llama-3.1-8b-lora-deadline", "llama-3.1-70b-on-8xL4-infeasible"})
  void planMatchesGolden(String name) throws Exception {
    Path out = tmp.resolve(name + ".json");
    List<String> a = new ArrayList<>(args(name));
    a.addAll(List.of("--output", out.toString(), "--force", "--no-trace"));
    ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    int code = Main.run(a.toArray(new String[0]), new PrintStream(stdout, true, StandardCharsets.UTF_8),
        new PrintStream(stderr, true, StandardCharsets.UTF_8), false);
    assertEquals(0, code, stderr.toString(StandardCharsets.UTF_8));
    JsonNode plan = Json.mapper().readTree(out.toFile());
    ((ObjectNode) plan).remove("rules");
    String actual = Json.mapper().writeValueAsString(plan) + "\n";
    Path golden = DIR.resolve(name + ".json");
    if (Boolean.getBoolean("llmcap.updateGolden")) {
      Files.createDirectories(DIR);
      Files.writeString(golden, actual, StandardCharsets.UTF_8);
    }
    assertEquals(Files.readString(golden, StandardCharsets.UTF_8), actual, "golden " + golden + " differs (see the class comment to regenerate)");
  }
}
