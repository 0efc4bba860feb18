package dev.llmcap.validate;

import dev.llmcap.config.ConfigLoader;
import dev.llmcap.config.InputException;
import dev.llmcap.engine.RuleSetException;
import dev.llmcap.engine.Workspace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Which rules conclude something that stays in the plans of the shipped examples and of the rule tests
 * (rules/tests/*.yaml): a rule whose every conclusion is retracted again counts as not fired.
 */
public record Coverage(Set<String> fired, Set<String> packages, int plans, List<String> problems) {
  /** Plans every example config and every rule test of the workspace's rules folder and collects the rules they fire. */
  public static Coverage of(Workspace workspace, List<Path> examples) {
    Set<String> fired = new TreeSet<>();
    List<String> problems = new ArrayList<>();
    RuleScenarioRunner runner = new RuleScenarioRunner(workspace);
    int plans = 0;
    List<RuleScenario> scenarios = new ArrayList<>();
    for (Path e : examples) {
      try {
        ConfigLoader loader = new ConfigLoader().load(e);
        scenarios.add(new RuleScenario(e, e.getFileName().toString(), loader.document(), java.util.Map.of(),
            List.of(new RuleScenario.Expectation("verdict", "ok", 1))));
      } catch (InputException x) {
        problems.add(e + ": not planned for coverage: " + String.join("; ", x.problems()));
      }
    }
    for (Path t : testFiles(workspace.rules().resolve("tests"))) {
      try {
        scenarios.add(RuleScenario.read(t));
      } catch (InputException x) {
        problems.add(String.join("; ", x.problems()));
      }
    }
    for (RuleScenario s : scenarios) {
      try {
        RuleScenarioRunner.Outcome o = runner.run(s);
        if (o.error() != null) {
          problems.add(s.file() + ": not planned for coverage: " + o.error());
        } else {
          plans++;
          fired.addAll(o.rulesFired());
        }
      } catch (RuleSetException x) {
        problems.add(s.file() + ": " + String.join("; ", x.problems()));
      }
    }
    return new Coverage(fired, Set.of("inference", "training"), plans, problems);
  }

  /** The rule tests of a folder, sorted by name. */
  public static List<Path> testFiles(Path dir) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.toString().matches(".*\\.ya?ml$")).sorted().collect(Collectors.toList());
    } catch (IOException e) {
      return List.of();
    }
  }
}
