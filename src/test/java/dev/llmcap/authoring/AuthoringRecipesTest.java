package dev.llmcap.authoring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmcap.cli.CliProcess;
import dev.llmcap.config.ConfigLoader;
import dev.llmcap.engine.LLMForecastEngine;
import dev.llmcap.engine.Workspace;
import dev.llmcap.config.InputPreparer;
import dev.llmcap.config.PreparedRequest;
import dev.llmcap.engine.PlanSession;
import dev.llmcap.engine.SessionResult;
import dev.llmcap.engine.TraceEntry;
import dev.llmcap.model.PlanRequest;
import java.util.List;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The recipes of docs/authoring-rules.md, each run end to end on copies of the rules and catalogs. */
class AuthoringRecipesTest {
  private static final Path HOME = Path.of("").toAbsolutePath();
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void addAGpu(@TempDir Path tmp) throws Exception {
    Path catalog = copy(HOME.resolve("gpu-catalog"), tmp.resolve("gpu-catalog"));
    ObjectNode l40 = (ObjectNode) JSON.readTree(catalog.resolve("L40S.json").toFile());
    // NVIDIA L40 datasheet: 48 GB GDDR6, 864 GB/s, dense FP16/BF16 181.05 TFLOPS, FP8 362 TFLOPS, PCIe Gen4
    l40.put("id", "L40").put("display_name", "NVIDIA L40 48GB");
    l40.putArray("aliases").add("L40-48GB");
    ObjectNode tf = (ObjectNode) l40.get("dense_tflops");
    tf.put("fp32", 90.5).put("tf32", 90.5).put("fp16", 181.05).put("bf16", 181.05).put("fp8", 362.1).put("int8", 362.1);
    l40.putArray("prices");
    l40.put("notes", "recipe test entry").putArray("sources").add("NVIDIA L40 datasheet");
    Files.writeString(catalog.resolve("L40.json"), l40.toPrettyString());
    String[] plan = {"--config", HOME.resolve("examples/rag-search.yaml").toString(), "--no-compare", "--no-cost", "--gpu-catalog",
        catalog.toString(), "--format", "json", "--no-trace"};
    CliProcess.Result onL40 = CliProcess.run(tmp, concat(plan, "--gpu-type", "L40"));
    CliProcess.Result onL40s = CliProcess.run(tmp, concat(plan, "--gpu-type", "L40S"));
    assertThat(onL40.exit()).as(onL40.err()).isZero();
    assertThat(onL40s.exit()).as(onL40s.err()).isZero();
    JsonNode a = JSON.readTree(onL40.out());
    JsonNode b = JSON.readTree(onL40s.out());
    assertThat(a.at("/gpu_resources/recommended_gpu_type").asText()).isEqualTo("L40");
    // same memory and bandwidth, half the tensor peak: prefill (3500-token prompts) is slower on the L40
    assertThat(a.at("/throughput/prefill_ms").asDouble()).isGreaterThan(b.at("/throughput/prefill_ms").asDouble());
    CliProcess.Result why = CliProcess.run(tmp, concat(new String[] {"explain", "throughput.prefill_ms"}, concat(
        new String[] {"--config", HOME.resolve("examples/rag-search.yaml").toString(), "--no-compare", "--gpu-catalog", catalog.toString()},
        "--gpu-type", "L40")));
    assertThat(why.exit()).as(why.err()).isZero();
    assertThat(why.out()).contains("peak_tflops = 362.1 TFLOP/s [L40]").contains("input GPU L40 (48.0 GB");
    // the compute term of the prefill doubles (FP8 362.1 vs 733 TFLOP/s); at TP4 over PCIe the all-reduces, unchanged,
    // are most of the L40S prefill, so the whole prefill grows by about the L40S compute time, not twofold
    CliProcess.Result whyS = CliProcess.run(tmp, concat(new String[] {"explain", "throughput.prefill_ms"}, concat(
        new String[] {"--config", HOME.resolve("examples/rag-search.yaml").toString(), "--no-compare", "--gpu-catalog", catalog.toString()},
        "--gpu-type", "L40S")));
    assertThat(whyS.exit()).as(whyS.err()).isZero();
    double computeL40 = prefillCompute(why.out());
    double computeL40s = prefillCompute(whyS.out());
    assertThat(computeL40 / computeL40s).isCloseTo(733 / 362.1, org.assertj.core.data.Offset.offset(0.05));
    assertThat(a.at("/throughput/prefill_ms").asDouble() - b.at("/throughput/prefill_ms").asDouble())
        .isCloseTo(computeL40 - computeL40s, org.assertj.core.data.Percentage.withPercentage(10));
  }

  /** The compute term of the prefill formula ("max(compute 360 ms, weight read ...") in an explanation, in ms. */
  private static double prefillCompute(String explanation) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("max\\(compute ([0-9.]+) ms").matcher(explanation);
    assertThat(m.find()).as(explanation).isTrue();
    return Double.parseDouble(m.group(1));
  }

  @Test
  void changeAPolicy(@TempDir Path tmp) throws Exception {
    Path rules = copy(HOME.resolve("rules"), tmp.resolve("rules"));
    Path assumptions = rules.resolve("assumptions.json");
    String text = Files.readString(assumptions);
    String edited = text.replaceFirst("(\"name\": \"zones\\.prod\\.medium\",\\s*\"value\": )2", "$13");
    assertThat(edited).isNotEqualTo(text);
    Files.writeString(assumptions, edited);
    CliProcess.Result check = CliProcess.run(tmp, "rules", "check", "--rules", rules.toString(), "--examples", HOME.resolve("examples").toString());
    assertThat(check.exit()).as(check.out() + check.err()).isZero();
    CliProcess.Result test = CliProcess.run(tmp, "rules", "test", "--rules", rules.toString());
    assertThat(test.exit()).isEqualTo(1);
    assertThat(test.out()).contains("FAIL current replicas within the planned range")
        .contains("scaling.recommended_min_replicas: expected 2, got 3")
        .contains("ha_min_replicas = 3 replicas  <- \"Availability floor for the environment and criticality\"");
    CliProcess.Result diff = CliProcess.run(HOME, "rules", "diff", "--rules", rules.toString(), "--against", "rules");
    assertThat(diff.exit()).as(diff.err()).isZero();
    assertThat(diff.out()).contains("rules/tests/replicas-within-range.yaml: ")
        .containsPattern("  gpu_resources\\.min_replicas: 2 -> 3 \\(\\+50\\.0%\\)  by changed assumption zones\\.prod\\.medium")
        .contains("assumption changed: zones.prod.medium");
  }

  @Test
  void addAPrecision(@TempDir Path tmp) throws Exception {
    Path rules = copy(HOME.resolve("rules"), tmp.resolve("rules"));
    Path assumptions = rules.resolve("assumptions.json");
    String text = Files.readString(assumptions);
    String fp4 = "  {\"name\": \"bytes_per_weight.FP4\", \"value\": 0.5625, \"unit\": \"bytes\", \"min\": 0.1, \"max\": 8,"
        + " \"description\": \"Bytes per parameter stored at NVFP4\", \"source\": \"NVIDIA NVFP4: 4-bit values plus one 8-bit scale per 16\"},\n"
        + "  {\"name\": \"compute_format.FP4\", \"text\": \"fp4\", \"unit\": \"\", \"description\": \"NVFP4 matmuls run on FP4 tensor cores\","
        + " \"source\": \"NVIDIA Blackwell architecture\"},\n"
        + "  {\"name\": \"default.kv_cache_precision.FP4\", \"text\": \"FP8\", \"unit\": \"\", \"description\": \"KV cache of NVFP4 checkpoints\","
        + " \"source\": \"TensorRT-LLM NVFP4 checkpoints keep an FP8 KV cache\"},\n";
    Files.writeString(assumptions, text.replaceFirst("\\[\n", "[\n" + fp4));
    CliProcess.Result check = CliProcess.run(tmp, "rules", "check", "--rules", rules.toString(), "--examples", HOME.resolve("examples").toString());
    assertThat(check.exit()).as(check.out() + check.err()).isZero();
    // the config schemas list the precisions a config may name (adding FP4 there is a one-line edit plus a rebuild);
    // the rules side is run here on a request prepared as FP8 whose model fact then says FP4
    LLMForecastEngine engine = new LLMForecastEngine(Workspace.under(HOME).withRules(rules), Map.of());
    ConfigLoader loader = new ConfigLoader().load(HOME.resolve("examples/chat-service.json"));
    ((ObjectNode) loader.document().get("gpu")).put("gpu_type", "B200");
    PreparedRequest prepared = new InputPreparer(engine.catalog(), engine.assumptions()).inference(loader.toRequest(), Map.of());
    PlanRequest r = prepared.request();
    r.getModel().setPrecision("FP4");
    SessionResult result = new PlanSession(engine.rules(), engine.assumptions()).run(
        List.of(r.getWorkload(), r.getModel(), r.getGpu(), r.getService()), prepared.gpus(), prepared.models(), "inference", true);
    // 70.55B parameters: 68.45B at 0.5625 bytes + 2.10B embedding parameters kept at 2 bytes
    assertThat(result.value("", "weights_gb")).isBetween(42.5, 43.0);
    TraceEntry bytes = result.trace().stream().filter(e -> e.links().subject().equals("bytes_per_weight")).findFirst().orElseThrow();
    assertThat(bytes.links().assumptionNames()).contains("bytes_per_weight.FP4");
    assertThat(bytes.getFormula()).isEqualTo("FP4 weights: 0.5625 bytes per parameter");
    // B200 has FP4 tensor cores: the compute rate comes from the catalog's fp4 entry
    assertThat(result.quantity("B200", "peak_tflops").orElseThrow().getFormula()).startsWith("fp4 dense tensor peak of B200");
  }

  @Test
  void overrideAnAssumptionForOneTeam(@TempDir Path tmp) throws Exception {
    Path rules = copy(HOME.resolve("rules"), tmp.resolve("rules"));
    Files.writeString(rules.resolve("teams/team_platform.json"), "{\"team\": \"team_platform\", \"assumptions\": [{\"name\": "
        + "\"ha_min_replicas.prod.high\", \"value\": 5, \"source\": \"platform runbook: 5 replicas for tier-0 chat\"}]}");
    String[] plan = {"--config", HOME.resolve("examples/chat-service.json").toString(), "--rules", rules.toString()};
    CliProcess.Result r = CliProcess.run(tmp, concat(new String[] {"explain", "scaling.recommended_min_replicas"}, plan));
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).startsWith("scaling.recommended_min_replicas = 5")
        .contains("assumption ha_min_replicas.prod.high = 5 replicas  (source: team team_platform (teams/team_platform.json): platform runbook");
    // --set on the command line wins over the team file; other teams keep the shared value
    // (6: above the 4 replicas the example's mean load needs, so the floor decides)
    CliProcess.Result set = CliProcess.run(tmp, concat(plan, "--set", "ha_min_replicas.prod.high=6", "--format", "json", "--no-trace"));
    assertThat(JSON.readTree(set.out()).at("/gpu_resources/min_replicas").asInt()).isEqualTo(6);
    // another team gets the shared floor of 3 (or the load's own minimum above it), never the team's 5
    CliProcess.Result other = CliProcess.run(tmp, concat(plan, "--team-id", "team_other", "--format", "json", "--no-trace"));
    assertThat(JSON.readTree(other.out()).at("/gpu_resources/min_replicas").asInt()).isBetween(3, 4);
    // a team entry outside the shared range is a check finding with its file and line
    Files.writeString(rules.resolve("teams/team_bad.json"), "{\"assumptions\": [\n  {\"name\": \"zones.prod.high\", \"value\": 9, \"source\": \"x\"}\n]}");
    CliProcess.Result check = CliProcess.run(tmp, "rules", "check", "--rules", rules.toString(), "--examples", tmp.resolve("none").toString());
    assertThat(check.out()).containsPattern("teams/team_bad\\.json:2: team value zones\\.prod\\.high = 9 is outside the declared range \\[1, 6\\]");
  }

  private static String[] concat(String[] a, String... b) {
    String[] out = new String[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  private static Path copy(Path src, Path dst) throws IOException {
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
