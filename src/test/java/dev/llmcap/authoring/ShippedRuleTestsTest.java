package dev.llmcap.authoring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmcap.engine.RuleBase;
import dev.llmcap.engine.RuleLocations;
import dev.llmcap.engine.Workspace;
import dev.llmcap.validate.Coverage;
import dev.llmcap.validate.RuleCheck;
import dev.llmcap.validate.RuleScenario;
import dev.llmcap.validate.RuleScenarioRunner;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The rule tests shipped in rules/tests pass, and together with the examples they make every rule of the inference and
 * training packages conclude something (computed from the rule files, so a rule added later without a test fails here,
 * naming it with its file and line).
 */
class ShippedRuleTestsTest {
  private static final Workspace WS = Workspace.under(Path.of("").toAbsolutePath());

  @Test
  void everyShippedRuleTestPasses() throws Exception {
    RuleScenarioRunner runner = new RuleScenarioRunner(WS);
    List<String> failures = new ArrayList<>();
    List<Path> files = Coverage.testFiles(WS.rules().resolve("tests"));
    assertThat(files).hasSizeGreaterThan(20);
    for (Path f : files) {
      RuleScenarioRunner.Outcome o = runner.run(RuleScenario.read(f));
      if (!o.passed()) {
        failures.add(f.getFileName() + ": " + (o.error() != null ? o.error() : o.checks().stream().filter(c -> !c.passed())
            .map(c -> c.expectation().field() + " expected " + c.expectation().expected() + " got " + c.actual()).toList()));
      }
    }
    assertThat(failures).isEmpty();
  }

  @Test
  void everyInferenceAndTrainingRuleFires() throws Exception {
    Coverage c = Coverage.of(WS, RuleCheck.shippedExamples(Path.of("examples").toAbsolutePath()));
    assertThat(c.problems()).isEmpty();
    List<String> unfired = new ArrayList<>();
    RuleLocations.of(RuleBase.load(WS.rules())).all().forEach((rule, where) -> {
      String pkg = rule.substring(0, rule.indexOf('/'));
      if (c.packages().contains(pkg) && !c.fired().contains(rule)) {
        unfired.add("rules/" + where + " \"" + rule.substring(pkg.length() + 1) + "\"");
      }
    });
    assertThat(unfired).as("rules no rule test or example fires (add a rules/tests/*.yaml that does)").isEmpty();
    assertThat(c.fired()).hasSizeGreaterThan(150);
  }
}
