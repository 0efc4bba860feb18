package dev.llmcap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `llmcap rules check|test|diff` through the real CLI, on the shipped rules and on deliberately broken or edited copies. */
class RulesCommandsCliTest {
  private static final Path HOME = Path.of("").toAbsolutePath();

  @Test
  void checkIsCleanOnTheShippedRules() throws Exception {
    CliProcess.Result r = CliProcess.run(HOME, "rules", "check");
    assertThat(r.exit()).as(r.out() + r.err()).isZero();
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).contains("rules of packages").contains("llmcap rules check: clean");
  }

  @Test
  void checkReportsCompileErrorsWithFileLineAndTheValidNames(@TempDir Path tmp) throws Exception {
    Path rules = RulesFolderCliTest.copyRules(tmp);
    Path workload = rules.resolve("inference/workload.drl");
    Files.writeString(workload, Files.readString(workload) + "\nrule \"Broken: unknown fact type\"\nwhen\n    Foo(bar == 1)\nthen\n"
        + "    insert(Quantity.global(\"x\", 1, \"u\", \"f\"));\nend\n\nrule \"Broken: unknown field\"\nwhen\n"
        + "    Quantity(nmae == \"weights_gb\")\nthen\n    insert(Quantity.global(\"y\", 1, \"u\", \"f\"));\nend\n");
    int lines = Files.readString(workload).split("\n", -1).length;
    CliProcess.Result r = CliProcess.run(tmp, "rules", "check", "--rules", rules.toString());
    assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(2);
    assertThat(r.out()).containsPattern("workload\\.drl:\\d+: Unable to resolve ObjectType 'Foo' \\(fact types: LLMWorkloadInput, .*Quantity")
        .containsPattern("workload\\.drl:(" + (lines - 5) + "|" + (lines - 4) + "): .*nmae.* \\(fields of Quantity: formula, name, scope, unit, value, whole\\)");
    assertThat(r.err()).contains("the rules do not compile");
  }

  @Test
  void checkRejectsDuplicateRuleNames(@TempDir Path tmp) throws Exception {
    Path rules = RulesFolderCliTest.copyRules(tmp);
    Path storage = rules.resolve("inference/storage.drl");
    String text = Files.readString(storage);
    Files.writeString(storage, text + "\nrule \"Peak request rate\"\nwhen\n    LLMWorkloadInput()\nthen\n"
        + "    insert(Quantity.global(\"z\", 1, \"u\", \"f\"));\nend\n");
    CliProcess.Result r = CliProcess.run(tmp, "rules", "check", "--rules", rules.toString());
    assertThat(r.exit()).isEqualTo(2);
    // files are read in name order: the rule in storage.drl comes first, the original in workload.drl is the duplicate
    assertThat(r.out()).containsPattern("workload\\.drl:\\d+: duplicate rule name \"Peak request rate\" in package inference "
        + "\\(first defined at inference/storage\\.drl:\\d+\\)");
  }

  @Test
  void checkReportsAssumptionAndCoverageFindingsAsFileLine(@TempDir Path tmp) throws Exception {
    Path rules = RulesFolderCliTest.copyRules(tmp);
    Path assumptions = rules.resolve("assumptions.json");
    String text = Files.readString(assumptions);
    // an assumption without a source and one no rule reads
    text = text.replace("\"source\": \"InfiniBand round trip plus launch\"", "\"source\": \"\"");
    text = text.replaceFirst("\\[", "[\n  {\"name\": \"unused_knob\", \"value\": 1, \"unit\": \"x\", \"min\": 0, \"max\": 2, "
        + "\"description\": \"read by nothing\", \"source\": \"test\"},");
    Files.writeString(assumptions, text);
    // a rule reading an assumption that does not exist, and that no example or rule test fires
    Path replicas = rules.resolve("inference/replicas.drl");
    Files.writeString(replicas, Files.readString(replicas) + "\nrule \"Never fires\"\nwhen\n    LLMWorkloadInput(requestsPerSecond > 1e12)\n"
        + "    $a : Assumption(name == \"pipeline_hop_msec\")\nthen\n    insertLogical(Quantity.global(\"never\", 1, \"u\", \"f\"));\nend\n");
    CliProcess.Result r = CliProcess.run(tmp, "rules", "check", "--rules", rules.toString(), "--examples", HOME.resolve("examples").toString());
    assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(1);
    assertThat(r.out()).containsPattern("assumptions\\.json:\\d+: assumption pipeline_hop_ms has no source")
        .containsPattern("assumptions\\.json:2: no rule reads assumption unused_knob")
        .containsPattern("replicas\\.drl:\\d+: assumption \"pipeline_hop_msec\" does not exist in .*\\(did you mean pipeline_hop_ms")
        .containsPattern("replicas\\.drl:\\d+: rule \"Never fires\" concludes nothing in the plans of the examples and rule tests");
  }

  @Test
  void shippedRuleTestsPassAndAFailingOneIsExplainedAndWrittenAsJUnit(@TempDir Path tmp) throws Exception {
    CliProcess.Result ok = CliProcess.run(HOME, "rules", "test");
    assertThat(ok.exit()).as(ok.out() + ok.err()).isZero();
    assertThat(ok.out()).contains("PASS team policy file raises the availability floor").containsPattern("\\d+ rule test\\(s\\): \\d+ passed, 0 failed");
    Path scenario = tmp.resolve("itl.yaml");
    Files.writeString(scenario, "name: chat ITL pinned too low\nconfig: " + HOME.resolve("examples/chat-service.json")
        + "\nexpect:\n  gpu_resources.min_gpus_per_replica: 2\n  throughput.estimated_itl_ms: 22 +- 15%\n");
    Path junit = tmp.resolve("out/junit.xml");
    Files.createDirectories(junit.getParent());
    CliProcess.Result bad = CliProcess.run(tmp, "rules", "test", "--rules", HOME.resolve("rules").toString(), scenario.toString(),
        "--junit", junit.toString());
    assertThat(bad.exit()).as(bad.err()).isEqualTo(1);
    assertThat(bad.out()).contains("FAIL chat ITL pinned too low")
        .contains("itl.yaml:5: throughput.estimated_itl_ms: expected 22 +- 15%, got 37.3345")
        .containsPattern("    \\|   itl_ms = 37\\.33 ms \\[H100-80GB\\]  <- \"Latency percentiles at the planned operating point\" \\S*rules/inference/latency\\.drl:\\d+")
        .contains("1 rule test(s): 0 passed, 1 failed");
    String xml = Files.readString(junit);
    assertThat(xml).contains("<testsuite name=\"llmcap rule tests\" tests=\"1\" failures=\"1\"")
        .contains("<failure message=\"1 value(s) not as expected\">throughput.estimated_itl_ms: expected 22 +- 15%, got 37.3345 (line 5)");
  }

  @Test
  void diffOfAOneLineRuleEditNamesThePlansFieldsAndTheRule(@TempDir Path tmp) throws Exception {
    Path rules = RulesFolderCliTest.copyRules(tmp);
    Path workload = rules.resolve("inference/workload.drl");
    String text = Files.readString(workload);
    String edited = text.replace("double mean = Math.min($in + $out / 2.0, $max);", "double mean = Math.min($in + $out, $max);");
    assertThat(edited).isNotEqualTo(text);
    Files.writeString(workload, edited);
    CliProcess.Result r = CliProcess.run(HOME, "rules", "diff", "--rules", rules.toString(), "--against", "rules");
    assertThat(r.exit()).as(r.out() + r.err()).isZero();
    assertThat(r.out()).contains("examples/chat-service.json: ")
        .containsPattern("  gpu_resources\\.kv_cache_gb: 77\\.71\\d* -> 77\\.92\\d* \\(\\+\\d+\\.\\d+%\\)  by changed rule \"Mean context held in the KV cache per sequence\"")
        .contains("rule changed: \"Mean context held in the KV cache per sequence\"")
        .containsPattern("examples/training_config\\.json: unchanged")
        .containsPattern("\\d+ plan\\(s\\) compared: \\d+ changed, \\d+ unchanged, 0 error\\(s\\); 1 rule\\(s\\) and 0 assumption\\(s\\) differ");
  }
}
