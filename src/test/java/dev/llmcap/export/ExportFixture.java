package dev.llmcap.export;

import dev.llmcap.config.ConfigLoader;
import dev.llmcap.engine.LLMForecastEngine;
import dev.llmcap.engine.Workspace;
import dev.llmcap.model.LLMCapacityPlan;
import java.nio.file.Path;
import java.util.Map;

/** The one fixed plan the export tests share (planned once per test JVM: compiling the rules is the slow part). */
final class ExportFixture {
  static final Path CONFIG = Path.of("src/test/resources/exports/plan-config.json");
  private static LLMCapacityPlan plan;
  private static Map<String, String> provenance;
  private static String inferenceRuleSource;

  private ExportFixture() {}

  static synchronized LLMCapacityPlan plan() throws Exception {
    if (plan == null) {
      ConfigLoader loader = new ConfigLoader().load(CONFIG);
      LLMForecastEngine engine = new LLMForecastEngine(Workspace.fromEnvironment(), Map.of());
      plan = engine.plan(loader.toRequest(), loader.provenance(), true);
      provenance = loader.provenance();
      inferenceRuleSource = engine.rules().ruleSource("inference");
    }
    return plan;
  }

  /** Where the plan's inference rules came from ("executable model" for the shipped rules, see RuleBase). */
  static synchronized String inferenceRuleSource() throws Exception {
    plan();
    return inferenceRuleSource;
  }

  static synchronized Map<String, String> provenance() throws Exception {
    plan();
    return provenance;
  }

  /** Replaces what changes with any rule file (the rules' hash and file list) by placeholders. */
  static String normalise(String text) throws Exception {
    LLMCapacityPlan p = plan();
    return text.replace(p.rules().sha256(), "<sha256>").replace(p.rules().sha256().substring(0, 12), "<sha256>")
        .replaceAll("\"files\" : \\[[^\\]]*\\]", "\"files\" : \"<files>\"")
        .replaceAll("\\d+ files\\)", "<n> files)");
  }
}
