package dev.llmcap.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmcap.config.ConfigLoader;
import dev.llmcap.export.PlanJson;
import dev.llmcap.model.PlanRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The executable model of the shipped inference rules, generated at build time: recorded for exactly the shipped files,
 * used for them, never for edited rules, and planning byte for byte what the classic compiler's rules plan.
 */
class ExecModelTest extends TempRuleCacheTest {
  private static final String USED = "executable model";

  @Test
  void theRecordedHashIsTheShippedRulesHashAndItsModelLoads() throws Exception {
    String shipped = RuleBase.packageHash(RuleBase.readSources(Path.of("rules")), "inference");
    // a model generated from other rules (a stale build) would carry another hash and never be used
    assertThat(ExecModel.recordedHash("inference")).contains(shipped);
    assertThat(ExecModel.covers("inference", shipped)).isTrue();
    assertThat(ExecModel.ruleBase("inference", shipped)).isPresent();
    assertThat(ExecModel.covers("inference", "0".repeat(64))).isFalse();
    assertThat(ExecModel.ruleBase("inference", "0".repeat(64))).isEmpty();
    // the other packages have no model: they stay on the classic path
    assertThat(ExecModel.recordedHash("training")).isEmpty();
    assertThat(ExecModel.recordedHash("forecast")).isEmpty();
  }

  @Test
  void theShippedRulesPlanFromTheModelAndEditedOnesFromTheClassicCompiler(@TempDir Path tmp) throws Exception {
    Path rules = CompiledRuleCacheTest.copyOfShippedRules(tmp);
    LLMForecastEngine shipped = engine(rules);
    PlanRequest noTargets = Engines.request("llama-3.1-8b", "FP16", "L40S", 4, 700, 150);
    String plan = PlanJson.write(shipped.plan(noTargets));
    assertThat(shipped.rules().ruleSource("inference")).isEqualTo(USED);
    assertThat(plan).contains("no latency target given: the interactive profile");

    Path slo = rules.resolve("inference/slo.drl");
    String text = Files.readString(slo);
    assertThat(text).contains("\"no latency target given: the \"");
    Files.writeString(slo, text.replace("\"no latency target given: the \"", "\"no latency target stated: the \""));
    RuleBase.clearProcessCache();
    LLMForecastEngine edited = engine(rules);
    String editedPlan = PlanJson.write(edited.plan(noTargets));
    assertThat(edited.rules().ruleSource("inference")).isEqualTo("classic");
    assertThat(editedPlan).contains("no latency target stated: the interactive profile")
        .doesNotContain("no latency target given");
    // the edit compiled incrementally from the shipped rules' compilation, as before the model existed
    assertThat(RuleBase.LAST_COMPILE).containsEntry("inference", "changed files");
  }

  @Test
  void plansWithTheirAuditTraceAreByteIdenticalOnBothPaths() throws Exception {
    Map<String, String> model = plans();
    System.setProperty("llmcap.execModel", "off");
    RuleBase.clearProcessCache();
    Map<String, String> classic = plans();
    assertThat(model.keySet()).hasSizeGreaterThanOrEqualTo(12);
    for (Map.Entry<String, String> e : model.entrySet()) {
      assertThat(e.getValue()).as(e.getKey()).isEqualTo(classic.get(e.getKey()));
    }
  }

  /** Every inference example, the golden inputs, a plan comparing every catalog GPU and a batch row, as JSON. */
  private Map<String, String> plans() throws Exception {
    LLMForecastEngine engine = engine(Path.of("rules"));
    String expected = "off".equals(System.getProperty("llmcap.execModel")) ? "classic" : USED;
    Map<String, String> out = new LinkedHashMap<>();
    List<Path> configs = new ArrayList<>();
    try (Stream<Path> s = Files.list(Path.of("examples"))) {
      configs.addAll(s.filter(p -> p.toString().matches(".*\\.(json|ya?ml)")).sorted().collect(Collectors.toList()));
    }
    try (Stream<Path> s = Files.list(Path.of("src/test/resources/golden/inference"))) {
      configs.addAll(s.filter(p -> p.toString().endsWith(".input.json")).sorted().collect(Collectors.toList()));
    }
    for (Path config : configs) {
      ConfigLoader loader = new ConfigLoader().load(config);
      if ("training".equals(loader.mode())) {
        continue;
      }
      out.put(config.toString(), PlanJson.write(engine.plan(loader.toRequest(), loader.provenance(), true)));
    }
    PlanRequest all = Engines.request("llama-3.1-70b", "FP16", "A100-80GB", 10, 500, 200);
    all.getOptions().setCompareGpus(true);
    out.put("compare every GPU", PlanJson.write(engine.plan(all)));
    out.put("batch row", PlanJson.write(engine.planKeyFigures(Engines.request("llama-3.1-8b", "FP8", "H100-80GB", 25, 900, 300))));
    assertThat(engine.rules().ruleSource("inference")).isEqualTo(expected);
    return out;
  }

  private static LLMForecastEngine engine(Path rules) throws Exception {
    return new LLMForecastEngine(Workspace.under(Path.of(".")).withRules(rules), Map.of());
  }
}
