package dev.llmcap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every kind of bad configuration gives one actionable line per problem, pointing into the file, and exit code 2. */
class ConfigErrorsTest {
  @TempDir
  Path dir;

  private static final String GOOD_WORKLOAD = "\"workload\": {\"requests_per_second\": 5, \"avg_input_tokens\": 800, \"avg_output_tokens\": 150}";

  private CliRun runConfig(String name, String content) throws IOException {
    Path f = dir.resolve(name);
    Files.writeString(f, content);
    return CliRun.of("--config", f.toString(), "--no-compare");
  }

  private String file(String name) {
    return dir.resolve(name).toString();
  }

  @Test
  void malformedJsonGivesLineAndColumn() throws IOException {
    CliRun r = runConfig("syntax.json", "{\n  \"mode\": \"inference\",\n  \"workload\": {\n    \"requests_per_second\": 3,,\n  }\n}\n");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.errLines()).singleElement().asString()
        .startsWith("llmcap: " + file("syntax.json") + ":4:30: Unexpected character (',')");
    assertThat(r.out()).isEmpty();
  }

  @Test
  void malformedYamlGivesLineAndColumn() throws IOException {
    CliRun r = runConfig("syntax.yaml", "mode: inference\nworkload:\n  requests_per_second: [1\n  avg_input_tokens: 3\n");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.errLines()).containsExactly(
        "llmcap: " + file("syntax.yaml") + ":4:19: while parsing a flow sequence; expected ',' or ']', but got :");
  }

  @Test
  void badYamlIndentationSaysSo() throws IOException {
    CliRun r = runConfig("indent.yaml", "mode: inference\nworkload:\n  requests_per_second: 1\n   avg_input_tokens: 3\n");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.errLines()).containsExactly("llmcap: " + file("indent.yaml")
        + ":4:20: mapping values are not allowed here (check the indentation: each field of a section indented by the same spaces)");
  }

  @Test
  void schemaViolationMissingRequiredFieldPointsAtItsSection() throws IOException {
    CliRun r = runConfig("missing.json", "{\n  \"workload\": {\n    \"requests_per_second\": 5,\n    \"avg_output_tokens\": 150\n  },\n"
        + "  \"model\": {\"model_name\": \"llama-3.1-8b\"}\n}\n");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.errLines()).containsExactly("llmcap: " + file("missing.json") + ":2:15: workload.avg_input_tokens is required (flag --input-tokens)");
  }

  @Test
  void wrongTypeNamesTheExpectedType() throws IOException {
    CliRun r = runConfig("type.json", "{\n  \"workload\": {\n    \"requests_per_second\": \"ten\",\n"
        + "    \"avg_input_tokens\": 800,\n    \"avg_output_tokens\": 150\n  },\n  \"model\": {\"model_name\": \"llama-3.1-8b\"}\n}\n");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.errLines()).containsExactly(
        "llmcap: " + file("type.json") + ":3:28: workload.requests_per_second must be a number (got \"ten\")");
  }

  @Test
  void unknownKeySuggestsTheClosestField() throws IOException {
    CliRun r = runConfig("unknown.json", "{\n  " + GOOD_WORKLOAD + ",\n  \"model\": {\n    \"model_name\": \"llama-3.1-8b\",\n"
        + "    \"precison\": \"FP8\"\n  }\n}\n");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.errLines()).containsExactly(
        "llmcap: " + file("unknown.json") + ":5:5: model.precison is not a known field; did you mean 'precision'?");
  }

  @Test
  void outOfRangeValueGivesTheBoundAndTheValue() throws IOException {
    CliRun r = runConfig("range.json", "{\n  \"workload\": {\n    \"requests_per_second\": -3,\n"
        + "    \"avg_input_tokens\": 800,\n    \"avg_output_tokens\": 150\n  },\n  \"model\": {\"model_name\": \"llama-3.1-8b\"}\n}\n");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.errLines()).containsExactly(
        "llmcap: " + file("range.json") + ":3:28: workload.requests_per_second must be > 0 (got -3)");
  }

  @Test
  void everyProblemIsReportedAtOnceInFileOrderAlsoForYaml() throws IOException {
    CliRun r = runConfig("bad.yaml", "mode: inference\nworkload:\n  requests_per_second: -3\n  avg_input_tokens: many\n"
        + "  avg_output_tokens: 200\n  peak_load_multipler: 2\nmodel:\n  model_name: llama-3.1-70b\n  precision: FP12\n"
        + "gpu:\n  target_gpu_utilization: 1.5\n");
    String f = file("bad.yaml");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.errLines()).containsExactly(
        "llmcap: " + f + ":3:24: workload.requests_per_second must be > 0 (got -3)",
        "llmcap: " + f + ":4:21: workload.avg_input_tokens must be a whole number (got \"many\")",
        "llmcap: " + f + ":6:3: workload.peak_load_multipler is not a known field; did you mean 'peak_load_multiplier'?",
        "llmcap: " + f + ":9:14: model.precision must be one of FP32|FP16|BF16|FP8|INT8|INT4|NVFP4|MXFP4 (got \"FP12\")",
        "llmcap: " + f + ":11:27: gpu.target_gpu_utilization must be <= 1 (got 1.5)");
  }

  @Test
  void catalogMissPointsAtTheConfigLine() throws IOException {
    CliRun r = runConfig("catalog.json", "{\n  " + GOOD_WORKLOAD + ",\n  \"model\": {\n    \"model_name\": \"llama-3.1-8c\"\n  }\n}\n");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.errLines()).singleElement().asString()
        .startsWith("llmcap: " + file("catalog.json") + ":4:19: model.model_name 'llama-3.1-8c' is not in the model catalog; did you mean 'llama-3.1-8b'? known models: ");
  }

  @Test
  void aBadFlagValueNamesTheFlagNotTheFile() throws IOException {
    Path f = dir.resolve("ok.json");
    Files.writeString(f, "{" + GOOD_WORKLOAD + ", \"model\": {\"model_name\": \"llama-3.1-8b\"}}");
    CliRun r = CliRun.of("--config", f.toString(), "--rps", "-2");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.errLines()).containsExactly("llmcap: --rps: workload.requests_per_second must be > 0 (got -2)");
  }

  @Test
  void missingFileIsOneLine() {
    CliRun r = CliRun.of("--config", file("nope.json"));
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.errLines()).containsExactly("llmcap: " + file("nope.json") + ": config file not found");
  }
}
