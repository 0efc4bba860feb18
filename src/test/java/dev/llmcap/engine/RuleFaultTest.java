package dev.llmcap.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmcap.batch.BatchInputs;
import dev.llmcap.batch.BatchJob;
import dev.llmcap.batch.BatchRow;
import dev.llmcap.batch.BatchRunner;
import dev.llmcap.batch.Progress;
import dev.llmcap.batch.Sweep;
import dev.llmcap.model.LLMWorkloadInput;
import dev.llmcap.model.ModelConfig;
import dev.llmcap.model.PlanRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16, item 5: a rule that throws (divide by zero, null, AssertionError, StackOverflowError), loops on inserts or
 * never returns is reported as file:line: rule "NAME" failed: MESSAGE; in a batch it is one error row, the other rows
 * are planned, and the engine keeps working. One faulty rule file (compiled once) holds one fault per request rate.
 */
class RuleFaultTest {
  private static final String FAULTS = String.join("\n",
      "package inference;",
      "import dev.llmcap.model.LLMWorkloadInput;",
      "import dev.llmcap.model.fact.*;",
      "function int deeper(int n) { return 1 + deeper(n + 1); }",
      "rule \"Fault divides by zero\"",
      "when",
      "    LLMWorkloadInput(requestsPerSecond == 1.11)",
      "then",
      "    int zero = 0; int x = 1 / zero;",
      "end",
      "rule \"Fault reads a null\"",
      "when",
      "    LLMWorkloadInput(requestsPerSecond == 1.12)",
      "then",
      "    String s = null; s.length();",
      "end",
      "rule \"Fault asserts\"",
      "when",
      "    LLMWorkloadInput(requestsPerSecond == 1.13)",
      "then",
      "    throw new AssertionError(\"impossible state\");",
      "end",
      "rule \"Fault recurses\"",
      "when",
      "    LLMWorkloadInput(requestsPerSecond == 1.14)",
      "then",
      "    deeper(0);",
      "end",
      "rule \"Fault inserts forever\"",
      "when",
      "    LLMWorkloadInput(requestsPerSecond == 1.15)",
      "    $q : Quantity(name == \"design_rps\" || name == \"fault_probe\")",
      "then",
      "    insert(Quantity.global(\"fault_probe\", $q.getValue() + 1, \"x\", \"loop\"));",
      "end",
      "rule \"Fault never returns\"",
      "when",
      "    $w : LLMWorkloadInput(requestsPerSecond == 1.16)",
      "then",
      "    long i = 0; while ($w.getRequestsPerSecond() > 0) { i++; }",
      "end",
      "");

  private static Path rules;
  private static LLMForecastEngine engine;
  private static LLMForecastEngine impatient;

  @BeforeAll
  static void compileFaultyRules(@TempDir Path tmp) throws Exception {
    rules = copyRules(tmp);
    Files.writeString(rules.resolve("inference/zz_faults.drl"), FAULTS);
    engine = new LLMForecastEngine(Workspace.fromEnvironment().withRules(rules), Map.of("engine_max_rule_firings", "20000"));
    engine.plan(request(2), Map.of(), false); // warm: the wall-clock limit below is for a rule that never returns, not a cold JIT
    impatient = new LLMForecastEngine(Workspace.fromEnvironment().withRules(rules),
        Map.of("engine_max_rule_firings", "20000", "engine_max_plan_seconds", "5"));
  }

  private static PlanRequest request(double rps) {
    LLMWorkloadInput w = new LLMWorkloadInput();
    w.setRequestsPerSecond(rps);
    w.setAvgInputTokens(200);
    w.setAvgOutputTokens(100);
    ModelConfig m = new ModelConfig();
    m.setModelName("llama-3.1-8b");
    PlanRequest r = PlanRequest.inference(w, m);
    r.getGpu().setGpuType("L40S");
    r.getOptions().setCompareGpus(false);
    return r;
  }

  private static String fault(double rps) {
    try {
      (rps == 1.16 ? impatient : engine).plan(request(rps), Map.of(), false);
    } catch (RuleFaultException e) {
      assertThat(e.problems()).hasSize(1);
      if (rps != 1.15) {
        assertThat(e.getCause()).as("the original failure is kept for --debug").isNotNull();
      }
      return e.problems().get(0);
    } catch (Exception e) {
      throw new AssertionError("expected a rule fault, got " + e, e);
    }
    throw new AssertionError("no fault for " + rps);
  }

  @Test
  void everyFaultNamesTheFileLineAndRuleWithoutJavaClassNames() {
    assertThat(fault(1.11)).matches("inference/zz_faults\\.drl:5: rule \"Fault divides by zero\" failed: arithmetic error: / by zero");
    assertThat(fault(1.12)).startsWith("inference/zz_faults.drl:11: rule \"Fault reads a null\" failed: a value was missing (null)");
    assertThat(fault(1.13)).isEqualTo("inference/zz_faults.drl:17: rule \"Fault asserts\" failed: assertion failed: impossible state");
    assertThat(fault(1.14)).isEqualTo("inference/zz_faults.drl:23: rule \"Fault recurses\" failed: recursion too deep (stack overflow)");
    assertThat(fault(1.15)).startsWith("inference/zz_faults.drl:29: rule \"Fault inserts forever\" failed: the rules fired")
        .contains("engine_max_rule_firings");
    assertThat(fault(1.16)).startsWith("inference/zz_faults.drl:36: rule \"Fault never returns\" failed: the plan did not finish within 5 s");
    for (double rps : new double[] {1.11, 1.12, 1.13, 1.14, 1.15, 1.16}) {
      assertThat(fault(rps)).doesNotContain("Exception").doesNotContain("java.").doesNotContain("\tat ");
    }
  }

  @Test
  void theEngineKeepsPlanningAfterAFault() throws Exception {
    fault(1.14);
    fault(1.16);
    assertThat(engine.plan(request(2), Map.of(), false).verdict()).isEqualTo("ok");
  }

  @Test
  void aBatchKeepsEveryRowWhateverItsRulesThrow(@TempDir Path tmp) throws Exception {
    List<String> lines = new ArrayList<>();
    for (String rps : List.of("2", "1.11", "1.12", "1.13", "1.14", "1.15", "1.16", "3")) {
      lines.add("{\"workload\":{\"requests_per_second\":" + rps + ",\"avg_input_tokens\":200,\"avg_output_tokens\":100},"
          + "\"model\":{\"model_name\":\"llama-3.1-8b\"},\"gpu\":{\"gpu_type\":\"L40S\"}}");
    }
    Path jsonl = Files.write(tmp.resolve("faults.jsonl"), lines);
    List<BatchRow> rows = new ArrayList<>();
    long n = new BatchRunner(2).stream(impatient, BatchJob.stream(BatchInputs.stream(List.of(jsonl.toString())), Sweep.none()),
        rows::add, Progress.silent());
    assertThat(n).isEqualTo(8);
    assertThat(rows).extracting(BatchRow::status).containsExactly("ok", "error", "error", "error", "error", "error", "error", "ok");
    assertThat(rows.get(4).error()).contains("rule \"Fault recurses\" failed");
    assertThat(rows.get(3).error()).contains("rule \"Fault asserts\" failed");
  }

  @Test
  void aMissingRequiredAssumptionFailsAtLoadNamingIt(@TempDir Path tmp) throws Exception {
    Path copy = copyRules(tmp);
    Path file = copy.resolve("assumptions.json");
    String text = Files.readString(file);
    String cut = text.replaceFirst("\\{\\s*\"name\": \"gpu_memory_utilization\"[^}]*\\},", "");
    assertThat(cut).isNotEqualTo(text);
    Files.writeString(file, cut);
    assertThatThrownBy(() -> new LLMForecastEngine(Workspace.fromEnvironment().withRules(copy), Map.of()))
        .isInstanceOf(RuleSetException.class)
        .hasMessageContaining("required assumption 'gpu_memory_utilization' is missing (used by the rule at inference/memory.drl:");
  }

  @Test
  void aWrongTypedOrNonFiniteAssumptionIsNamedWithItsLine(@TempDir Path tmp) throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("r"));
    Files.writeString(dir.resolve("assumptions.json"), "[\n  {\"name\": \"a\", \"value\": 1},\n  {\"name\": \"mbu_decode\",\n   \"value\": \"high\"},\n"
        + "  {\"name\": \"c\", \"value\": \"NaN\"}\n]\n");
    assertThatThrownBy(() -> Assumptions.load(dir)).isInstanceOf(RuleSetException.class)
        .hasMessageContaining("assumptions.json:4: assumption 'mbu_decode': value must be a finite number (got \"high\")")
        .hasMessageContaining("assumptions.json:5: assumption 'c': value must be a finite number")
        .hasMessageNotContaining(":-1");
  }

  @Test
  void setRejectsNanInfinityAndUnknownNamesWithASuggestion() throws Exception {
    Assumptions a = Assumptions.load(Path.of("rules"));
    for (String bad : List.of("NaN", "Infinity", "-Infinity", "1e999", "0x1p3")) {
      assertThatThrownBy(() -> a.withOverrides(Map.of("mbu_decode", bad))).as(bad).hasMessageContaining("expected a finite number");
    }
    assertThatThrownBy(() -> a.withOverrides(Map.of("engine_max_rule_firings", "NaN"))).hasMessageContaining("finite");
    assertThatThrownBy(() -> a.withOverrides(Map.of("mbu_decod", "0.5"))).hasMessageContaining("did you mean 'mbu_decode'?");
    assertThatThrownBy(() -> a.withOverrides(Map.of("mbu_decode", "7"))).hasMessageContaining("outside its range");
  }

  @Test
  void theLoopGuardStaysOnWhenItsAssumptionIsMissing() throws Exception {
    Assumptions none = Assumptions.load(Path.of("rules"));
    PlanSession s = new PlanSession(RuleBase.load(Path.of("rules")), none);
    assertThat(s.firingLimit()).isEqualTo(200000);
    Path dir = Files.createTempDirectory("llmcap-guard");
    Files.writeString(dir.resolve("assumptions.json"), "[{\"name\": \"x\", \"value\": 1}]");
    PlanSession bare = new PlanSession(RuleBase.load(Path.of("rules")), Assumptions.load(dir));
    assertThat(bare.firingLimit()).isEqualTo(PlanSession.BUILT_IN_FIRING_LIMIT);
    assertThat(bare.timeLimitSeconds()).isEqualTo(PlanSession.BUILT_IN_TIME_LIMIT_SECONDS);
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
