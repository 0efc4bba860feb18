package dev.llmcap.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmcap.config.ConfigLoader;
import dev.llmcap.export.PlanJson;
import dev.llmcap.model.PlanRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Golden plans: every NAME.input.json in src/test/resources/golden/inference must produce exactly NAME.plan.json
 * (without the audit trace and the rules hash). After an intended rule change, regenerate with
 * {@code mvn test -Dtest=GoldenPlanTest -Dllmcap.regenerateGolden=true} and review the diff.
 */
class GoldenPlanTest {
  private static final Path DIR = Path.of("src/test/resources/golden/inference");
  private static final boolean REGENERATE = Boolean.getBoolean("llmcap.regenerateGolden");

  @TestFactory
  Stream<DynamicTest> everyInputMatchesItsGoldenPlan() throws IOException {
    return inputs().stream().map(input -> DynamicTest.dynamicTest(input.getFileName().toString(), () -> {
      PlanRequest request = new ConfigLoader().load(input).toRequest();
      // the rules section (folder hash, file list) changes with any rule file; the goldens pin the plan's figures
      com.fasterxml.jackson.databind.node.ObjectNode tree = dev.llmcap.config.Json.mapper().valueToTree(
          Engines.shared().plan(request, Map.of(), false));
      tree.remove("rules");
      String actual = PlanJson.write(tree);
      Path golden = DIR.resolve(input.getFileName().toString().replace(".input.json", ".plan.json"));
      if (REGENERATE || !Files.exists(golden)) {
        Files.writeString(golden, actual, StandardCharsets.UTF_8);
      }
      assertThat(actual).isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
    }));
  }

  @Test
  void theGoldensPlanWithTheExecutableModelOfTheShippedRules() throws Exception {
    PlanRequest request = new ConfigLoader().load(inputs().get(0)).toRequest();
    Engines.shared().plan(request, Map.of(), false);
    // the shared engine's rule base is the one every golden above plans with (its session pool is made once)
    assertThat(Engines.shared().rules().ruleSource("inference")).isEqualTo("executable model");
  }

  @Test
  void everyGoldenPlanHasItsInput() throws IOException {
    try (Stream<Path> s = Files.list(DIR)) {
      for (Path p : s.filter(f -> f.toString().endsWith(".plan.json")).collect(Collectors.toList())) {
        assertThat(DIR.resolve(p.getFileName().toString().replace(".plan.json", ".input.json"))).as("input of " + p).exists();
      }
    }
    assertThat(inputs()).hasSizeGreaterThanOrEqualTo(5);
  }

  private static List<Path> inputs() throws IOException {
    try (Stream<Path> s = Files.list(DIR)) {
      return s.filter(p -> p.toString().endsWith(".input.json")).sorted().collect(Collectors.toList());
    }
  }
}
