package dev.llmcap.authoring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmcap.engine.Workspace;
import dev.llmcap.validate.FactTypes;
import dev.llmcap.validate.RulesReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** docs/rules-reference.md is what `llmcap rules reference` generates from the current rules, assumptions and fact classes. */
class RulesReferenceTest {
  @Test
  void referenceIsCurrent() throws Exception {
    String generated = RulesReference.render(Workspace.under(Path.of("").toAbsolutePath()));
    String committed = Files.readString(Path.of("docs/rules-reference.md"));
    assertThat(committed).as("docs/rules-reference.md is out of date: run ./llmcap rules reference").isEqualTo(generated);
  }

  @Test
  void referenceCoversEveryFactClassRuleAndAssumption() throws Exception {
    String text = RulesReference.render(Workspace.under(Path.of("").toAbsolutePath()));
    // every class of the fact package is listed as a fact type (a new fact class must be added to FactTypes)
    try (Stream<Path> s = Files.list(Path.of("src/main/java/dev/llmcap/model/fact"))) {
      s.map(p -> p.getFileName().toString().replace(".java", ""))
          .forEach(c -> assertThat(FactTypes.names()).as("fact class " + c + " missing from FactTypes.ALL").contains(c));
    }
    assertThat(text).contains("### Quantity").contains("| requestsPerSecond | Double | mean request rate, req/s |")
        .contains("| design_rps | req/s | \"Design request rate: peak with growth\" (inference/workload.drl:")
        .contains("| gpus_per_replica | GPUs | function layoutQuantities (inference/parallelism.drl:")
        .contains("### rules/inference/policy.drl")
        .contains("| zones.prod.high | 3 | zones | 1 to 6 |");
  }
}
