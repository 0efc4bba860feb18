package dev.llmcap.batch;

import dev.llmcap.testsupport.CliRun;
import static dev.llmcap.batch.BatchTestSupport.config;
import static dev.llmcap.batch.BatchTestSupport.run;
import static dev.llmcap.batch.BatchTestSupport.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rule-change diff: a copy of rules/ with one assumption changed (hours_per_month 730 -> 720) must change exactly
 * the monthly figures that depend on it, by the same ratio, and nothing about capacity or latency.
 */
class RuleChangeDiffTest {
  @TempDir
  static Path dir;
  static Path newRules;
  static Path sameRules;
  static Path configs;

  @BeforeAll
  static void setUp() throws Exception {
    newRules = copyRules(dir.resolve("rules-new"));
    sameRules = copyRules(dir.resolve("rules-same"));
    Path assumptions = newRules.resolve("assumptions.json");
    String text = Files.readString(assumptions, StandardCharsets.UTF_8);
    String edited = text.replaceFirst("(\"name\": \"hours_per_month\",\\s*\"value\": )730", "$1720");
    assertThat(edited).isNotEqualTo(text);
    Files.writeString(assumptions, edited, StandardCharsets.UTF_8);
    configs = write(dir.resolve("configs.jsonl"), config("llama-3.1-8b", "FP16", 5, "H100-80GB") + "\n"
        + config("llama-3.1-70b", "FP8", 3, "A100-80GB") + "\n{broken\n");
  }

  private static Path copyRules(Path target) throws Exception {
    Path source = Path.of("rules");
    try (Stream<Path> files = Files.walk(source)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        Path t = target.resolve(source.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(t);
        } else {
          Files.copy(p, t);
        }
      }
    }
    return target;
  }

  @Test
  void oneChangedAssumptionChangesOnlyTheFiguresThatDependOnIt() throws Exception {
    Path out = dir.resolve("diff.jsonl");
    CliRun r = run("batch", configs.toString(), "--rules", newRules.toString(), "--compare-rules", "rules",
        "--output", out.toString());
    assertThat(r.code()).as(r.err()).isEqualTo(1);
    List<JsonNode> rows = new ArrayList<>();
    for (String line : Files.readAllLines(out)) {
      rows.add(new ObjectMapper().readTree(line));
    }
    assertThat(rows).hasSize(3);
    assertThat(rows.get(2).get("status").asText()).isEqualTo("error");
    for (JsonNode row : rows.subList(0, 2)) {
      assertThat(row.get("status").asText()).isEqualTo("changed");
      List<String> fields = new ArrayList<>();
      for (JsonNode c : row.get("changes")) {
        String f = c.get("field").asText();
        fields.add(f);
        // monthly GPU cost scales with the hours of a month (-10/730 = -1.37 %); figures with a fixed part change less
        if (f.startsWith("cost.monthly_gpu_cost") || f.startsWith("gpu_options.")) {
          assertThat(c.get("change_pct").asDouble()).as(f).isCloseTo(-1.37, within(0.02));
        } else {
          assertThat(c.get("change_pct").asDouble()).as(f).isBetween(-1.38, -0.01);
        }
      }
      assertThat(fields).contains("cost.monthly_gpu_cost", "cost.monthly_total_cost", "cost.monthly_gpu_cost_at_min_replicas",
          "cost.monthly_gpu_cost_at_max_replicas");
      assertThat(fields).allMatch(f -> f.startsWith("cost.monthly_") || f.equals("network.egress_gb_per_month")
          || f.matches("gpu_options\\.[^.]+\\.monthly_total_cost"), "only monthly figures change");
      assertThat(fields).noneMatch(f -> f.startsWith("gpu_resources.") || f.startsWith("throughput.") || f.startsWith("scaling."));
    }
    assertThat(r.err()).contains("3 configs in, 3 rows out: 2 changed, 0 unchanged, 1 error");
  }

  @Test
  void identicalRulesReportEveryConfigUnchanged() throws Exception {
    CliRun r = run("batch", configs.toString(), "--rules", sameRules.toString(), "--compare-rules", "rules");
    assertThat(r.code()).isEqualTo(1);
    String[] lines = r.out().split("\n");
    assertThat(lines[0]).endsWith("configs.jsonl:1: unchanged");
    assertThat(lines[1]).endsWith("configs.jsonl:2: unchanged");
    assertThat(lines[2]).contains("configs.jsonl:3: error:");
    assertThat(r.err()).contains("0 changed, 2 unchanged, 1 error");
  }

  @Test
  void textAndCsvShowOldNewAndPercent() throws Exception {
    Path one = write(dir.resolve("one.json"), config("llama-3.1-8b", "FP16", 5, "H100-80GB"));
    CliRun text = run("batch", one.toString(), "--rules", newRules.toString(), "--compare-rules", "rules");
    assertThat(text.code()).as(text.err()).isEqualTo(0);
    assertThat(text.out()).containsPattern("  cost\\.monthly_total_cost: [0-9.]+ -> [0-9.]+ \\(-1\\.3[67]%\\)");
    CliRun csv = run("batch", one.toString(), "--rules", newRules.toString(), "--compare-rules", "rules", "--format", "csv");
    assertThat(csv.out()).startsWith("source,status,error,field,old,new,change_pct\n");
    assertThat(csv.out()).containsPattern(",changed,,cost\\.monthly_total_cost,[0-9.]+,[0-9.]+,-1\\.3[67]\n");
  }
}
