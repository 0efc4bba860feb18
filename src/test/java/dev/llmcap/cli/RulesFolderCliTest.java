package dev.llmcap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Editing a copied rules/ folder changes the plan through the real CLI, and broken rules fail with file:line and exit 2. */
class RulesFolderCliTest {
  private static final String[] PLAN = {"--model", "llama-3.1-70b", "--rps", "10", "--input-tokens", "500", "--output-tokens", "200",
      "--precision", "FP16", "--gpu-type", "A100-80GB", "--no-compare", "--format", "json", "--no-trace"};

  @Test
  void editingAnAssumptionChangesThePlanWithoutRebuild(@TempDir Path tmp) throws Exception {
    Path rules = copyRules(tmp);
    CliProcess.Result before = CliProcess.run(tmp, with(PLAN, "--rules", rules.toString()));
    assertThat(before.exit()).as(before.err()).isZero();
    Path assumptions = rules.resolve("assumptions.json");
    String text = Files.readString(assumptions);
    String edited = text.replace("\"name\": \"gpu_memory_utilization\",\n    \"value\": 0.9,", "\"name\": \"gpu_memory_utilization\",\n    \"value\": 0.45,");
    assertThat(edited).isNotEqualTo(text);
    Files.writeString(assumptions, edited);
    CliProcess.Result after = CliProcess.run(tmp, with(PLAN, "--rules", rules.toString()));
    assertThat(after.exit()).as(after.err()).isZero();
    JsonNode b = new ObjectMapper().readTree(before.out());
    JsonNode a = new ObjectMapper().readTree(after.out());
    // at 0.9 of 80 GiB per GPU, TP4 leaves 163 GB of KV cache and serves the most requests per GPU; at 0.45 TP4 keeps
    // under 8 GB of KV cache (a small batch) and TP8 becomes the better layout
    assertThat(b.at("/gpu_resources/min_gpus_per_replica").asInt()).isEqualTo(4);
    assertThat(a.at("/gpu_resources/min_gpus_per_replica").asInt()).isEqualTo(8);
    assertThat(a.at("/gpu_resources/kv_cache_budget_gb").asDouble()).isLessThan(b.at("/gpu_resources/kv_cache_budget_gb").asDouble() * 2);
  }

  @Test
  void brokenDrlReportsFileLineAndExitsTwo(@TempDir Path tmp) throws Exception {
    Path rules = copyRules(tmp);
    Path drl = rules.resolve("inference/storage.drl");
    String text = Files.readString(drl);
    Files.writeString(drl, text.replace("rule \"Total storage\"\nwhen", "rule \"Total storage\"\nwhen\n    Quantity(scope == , name == \"x\")"));
    CliProcess.Result r = CliProcess.run(tmp, with(PLAN, "--rules", rules.toString()));
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).containsPattern("llmcap: rules: inference/storage\\.drl:\\d+: ");
    assertThat(r.err()).doesNotContain("Exception").doesNotContain("\tat ");
  }

  @Test
  void syntaxErrorIsReportedOnceAndABinaryDrlNamesTheByteNotADecoderMessage(@TempDir Path tmp) throws Exception {
    Path rules = copyRules(tmp);
    Path drl = rules.resolve("inference/storage.drl");
    Files.writeString(drl, Files.readString(drl) + "\nrule \"Broken\"\nwhen\n    Quantity(\nthen\nend\n");
    CliRun r = CliRun.of(with(PLAN, "--rules", rules.toString()));
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.errLines()).hasSize(1);
    assertThat(r.err()).containsPattern("llmcap: rules: inference/storage\\.drl:\\d+: ").doesNotContain("null Package").doesNotContain(":0:");
    Path other = copyRules(tmp.resolve("binary"));
    byte[] bytes = "package inference;\n// caf\u00e9\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    Files.write(other.resolve("inference/zz.drl"), bytes);
    CliRun b = CliRun.of(with(PLAN, "--rules", other.toString()));
    assertThat(b.exit()).isEqualTo(2);
    assertThat(b.err()).contains("inference/zz.drl: line 2, column 7: byte 0xE9 is not valid UTF-8 text").doesNotContain("Input length");
  }

  @Test
  void duplicateRuleNameIsAnError(@TempDir Path tmp) throws Exception {
    Path rules = copyRules(tmp);
    Files.writeString(rules.resolve("inference/extra.drl"), "package inference;\nrule \"Total storage\"\nwhen\nthen\nend\n");
    CliProcess.Result r = CliProcess.run(tmp, with(PLAN, "--rules", rules.toString()));
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("inference/storage.drl:").contains("duplicate rule name \"Total storage\"");
  }

  @Test
  void seedCliExampleRunsAsPrinted(@TempDir Path tmp) throws Exception {
    CliProcess.Result r = CliProcess.run(tmp, "--mode", "inference", "--rps", "10.0", "--input-tokens", "500", "--output-tokens", "200",
        "--model-size", "70", "--precision", "FP16", "--gpu-type", "A100-80GB", "--context-window", "8192", "--batch-size", "4",
        "--cost", "--output", "plan.json");
    assertThat(r.exit()).as(r.err()).isZero();
    JsonNode plan = new ObjectMapper().readTree(tmp.resolve("plan.json").toFile());
    assertThat(plan.at("/gpu_resources/recommended_gpu_type").asText()).isEqualTo("A100-80GB");
    assertThat(plan.at("/cost/currency").asText()).isEqualTo("USD");
    assertThat(plan.at("/trace").size()).isGreaterThan(50);
    assertThat(r.out()).startsWith("llmcap inference plan");
    assertThat(r.out()).doesNotContain("\u001b["); // no colour when piped
  }

  @Test
  void badInputIsExitTwoWithAnActionableMessage(@TempDir Path tmp) throws Exception {
    CliProcess.Result r = CliProcess.run(tmp, "--rps", "-3", "--input-tokens", "500", "--output-tokens", "200", "--model-size", "70");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("workload.requests_per_second must be > 0 (got -3)");
    assertThat(r.out()).isEmpty();
    CliProcess.Result u = CliProcess.run(tmp, "--rps", "1", "--bogus");
    assertThat(u.exit()).isEqualTo(2);
    assertThat(u.err()).contains("unknown flag --bogus");
  }

  static String[] with(String[] base, String... more) {
    return Stream.concat(Stream.of(base), Stream.of(more)).toArray(String[]::new);
  }

  static Path copyRules(Path tmp) throws IOException {
    Path src = Path.of("rules").toAbsolutePath();
    Path dst = tmp.resolve("rules-copy");
    try (Stream<Path> s = Files.walk(src)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        Path t = dst.resolve(src.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(t);
        } else {
          Files.copy(p, t);
        }
      }
    }
    return dst;
  }
}
