package dev.llmcap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every inference example in examples/ plans cleanly; the requirements' two example configs are kept byte for byte. */
class ExamplesTest {
  @TempDir
  Path dir;

  static Stream<Path> inferenceExamples() throws IOException {
    try (Stream<Path> files = Files.list(Path.of("examples"))) {
      List<Path> all = files.filter(p -> p.toString().matches(".*\\.(json|ya?ml)")).sorted().toList();
      return all.stream().filter(p -> !"training".equals(read(p).path("mode").asText("inference")));
    }
  }

  private static JsonNode read(Path p) {
    try {
      ObjectMapper m = p.toString().endsWith(".json") ? new ObjectMapper() : new ObjectMapper(new YAMLFactory());
      return m.readTree(p.toFile());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void thereAreAtLeastFiveInferenceExamplesIncludingYaml() throws IOException {
    List<Path> all = inferenceExamples().toList();
    assertThat(all).hasSizeGreaterThanOrEqualTo(5);
    assertThat(all).anyMatch(p -> p.toString().endsWith(".yaml"));
  }

  @ParameterizedTest
  @MethodSource("inferenceExamples")
  void exampleRunsThroughTheCli(Path example) throws IOException {
    Path out = dir.resolve(example.getFileName() + ".plan.json");
    CliRun r = CliRun.of("--config", example.toString(), "--output", out.toString(), "--no-trace");
    assertThat(r.exit()).as(r.err()).isZero();
    JsonNode plan = new ObjectMapper().readTree(out.toFile());
    assertThat(plan.path("mode").asText()).isEqualTo("inference");
    assertThat(plan.path("gpu_resources").path("total_gpus").asInt()).isPositive();
  }

  @Test
  void requirementsExampleConfigsAreKeptByteForByte() throws IOException {
    for (String name : List.of("inference_config.json", "training_config.json")) {
      assertThat(Files.readAllBytes(Path.of("examples", name)))
          .as(name).isEqualTo(Files.readAllBytes(Path.of("src/test/resources/seed", name)));
    }
  }
}
