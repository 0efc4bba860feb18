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
  void everyShippedRuleTestPassesAndEveryInferenceAndTrainingRuleFires() throws Exception {
    RuleScenarioRunner runner = new RuleScenarioRunner(WS);
    List<String> failures = new ArrayList<>();
    java.util.Set<String> fired = new java.util.TreeSet<>();
    List<Path> files = Coverage.testFiles(WS.rules().resolve("tests"));
    assertThat(files).hasSizeGreaterThan(20);
    for (Path f : files) {
      RuleScenarioRunner.Outcome o = runner.run(RuleScenario.read(f));
      fired.addAll(o.rulesFired());
      if (!o.passed()) {
        failures.add(f.getFileName() + ": " + (o.error() != null ? o.error() : o.checks().stream().filter(c -> !c.passed())
            .map(c -> c.expectation().field() + " expected " + c.expectation().expected() + " got " + c.actual()).toList()));
      }
    }
    assertThat(failures).isEmpty();
    // the examples count too (as `rules check` counts them)
    for (Path e : RuleCheck.shippedExamples(Path.of("examples").toAbsolutePath())) {
      dev.llmcap.config.ConfigLoader loader = new dev.llmcap.config.ConfigLoader().load(e);
      RuleScenarioRunner.Outcome o = runner.run(new RuleScenario(e, e.toString(), loader.document(), java.util.Map.of(),
          List.of(new RuleScenario.Expectation("mode", loader.mode(), 1))));
      assertThat(o.error()).as(e.toString()).isNull();
      fired.addAll(o.rulesFired());
    }
    List<String> unfired = new ArrayList<>();
    RuleLocations.of(RuleBase.load(WS.rules())).all().forEach((rule, where) -> {
      String pkg = rule.substring(0, rule.indexOf('/'));
      String file = where.substring(0, where.lastIndexOf(':'));
      java.util.Map<String, String> drl;
      try {
        drl = java.util.Map.of(file, java.nio.file.Files.readString(WS.rules().resolve(file)));
      } catch (java.io.IOException x) {
        throw new java.io.UncheckedIOException(x);
      }
      // a rule that only deletes facts leaves no trace entry (as in `rules check`); its effect is checked by a rule test
      // (instance-type.yaml: the asked, dearer instance type is the one priced)
      if ((pkg.equals("inference") || pkg.equals("training")) && !fired.contains(rule)
          && !RuleCheck.onlyDeletes(drl, where, rule.substring(pkg.length() + 1))
          && !RuleCheck.isGuard(drl, where, rule.substring(pkg.length() + 1))) {
        unfired.add("rules/" + where + " \"" + rule.substring(pkg.length() + 1) + "\"");
      }
    });
    assertThat(unfired).as("rules no rule test or example fires (add a rules/tests/*.yaml that does)").isEmpty();
    assertThat(fired).hasSizeGreaterThan(150);
  }
}
