package dev.llmcap.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.llmcap.model.LLMCapacityPlan;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** CSV rows append into one table; the terminal report answers first and has colour only on a TTY; Markdown tables are well formed. */
class CsvAndReportTest {

  @Test
  void csvHasOneRowPerPlanWithAStableUnitSuffixedHeader() throws Exception {
    LLMCapacityPlan p = ExportFixture.plan();
    String one = CsvExporter.rows(List.of(p), true);
    String two = CsvExporter.rows(List.of(p, p), true);
    String appended = one + CsvExporter.rows(List.of(p), false);
    assertThat(appended).as("rows appended later line up under the first header").isEqualTo(two);
    List<Map<String, String>> rows = read(two);
    assertThat(rows).hasSize(2);
    assertThat(rows.get(0).keySet()).containsExactlyElementsOf(CsvExporter.header());
    assertThat(CsvExporter.header()).startsWith("service_id", "environment", "mode", "verdict")
        .contains("gpu_memory_per_replica_gb", "ttft_p99_ms", "monthly_total_cost_usd", "cold_start_s", "bandwidth_out_mbps")
        .doesNotHaveDuplicates().allMatch(h -> h.matches("[a-z0-9_]+"));
    Map<String, String> r = rows.get(0);
    assertThat(r.get("gpu_type")).isEqualTo(p.gpuResources().recommendedGpuType());
    assertThat(Double.parseDouble(r.get("ttft_p99_ms"))).isEqualTo(p.throughput().ttftP99Ms());
    assertThat(Double.parseDouble(r.get("monthly_total_cost_usd"))).isEqualTo(p.cost().monthlyTotalCost());
    assertThat(Integer.parseInt(r.get("max_replicas"))).isEqualTo(p.gpuResources().maxReplicas());
    assertThat(r.get("target_ttft_p50_ms")).as("a missing value is an empty cell").isEmpty();
    assertThat(two).doesNotContain("E+", "E-").doesNotContain("\r");
  }

  @Test
  void csvWithoutCostLeavesCostCellsEmpty() throws Exception {
    LLMCapacityPlan p = ExportFixture.plan();
    LLMCapacityPlan noCost = new LLMCapacityPlan(p.mode(), p.verdict(), p.headline(), p.workloadInput(), p.modelConfig(), p.gpuConfig(),
        p.service(), p.model(), p.gpuResources(), p.throughput(), p.storage(), p.network(), p.scaling(), null, p.findings(),
        p.gpuOptions(), p.assumptions(), p.rules(), null, p.latencyVsLoad());
    Map<String, String> r = read(CsvExporter.rows(List.of(noCost), true)).get(0);
    assertThat(r.get("monthly_total_cost_usd")).isEmpty();
    assertThat(r).hasSize(CsvExporter.header().size());
  }

  @Test
  void terminalReportAnswersInTheFirstFiveLines() throws Exception {
    LLMCapacityPlan p = ExportFixture.plan();
    List<String> lines = TextReport.render(p, false, false, Map.of()).lines().limit(5).toList();
    String top = String.join("\n", lines);
    var g = p.gpuResources();
    assertThat(top).contains(g.minGpusPerReplica() + " x " + g.recommendedGpuType() + " per replica")
        .contains(g.minReplicas() + "-" + g.maxReplicas() + " replicas")
        .contains(String.format(java.util.Locale.ROOT, "$%,.0f/month", p.cost().monthlyTotalCost()))
        .contains("meets the latency targets").contains("[OK]");
  }

  @Test
  void pipedReportHasNoAnsiCodesAndTtyReportHasColour() throws Exception {
    LLMCapacityPlan p = ExportFixture.plan();
    String piped = new String(new TextExporter().export(p, new ExportContext(false, true, Map.of("workload", "config"))), StandardCharsets.UTF_8);
    String tty = new String(new TextExporter().export(p, new ExportContext(true, false, Map.of())), StandardCharsets.UTF_8);
    assertThat(piped).doesNotContain("\u001b");
    assertThat(tty).contains("\u001b[1m", "\u001b[32m");
    assertThat(tty.replaceAll("\u001b\\[[0-9;]*m", "")).isEqualTo(TextReport.render(p, false, false, Map.of()));
  }

  @Test
  void reportValuesAndUnitsAreAlignedWithinTheReport() throws Exception {
    LLMCapacityPlan p = ExportFixture.plan();
    String text = TextReport.render(p, false, false, Map.of());
    // every numeric row ends its value in the same column, so units line up
    int column = -1;
    List<String> lines = text.lines().toList();
    int at = 0;
    for (ReportSections.Section s : ReportSections.of(p)) {
      for (ReportSections.Row r : s.rows()) {
        while (!(lines.get(at).startsWith("  " + r.label() + "  "))) {
          at++; // rows appear in section order
        }
        String line = lines.get(at++);
        if (r.text() || r.unit().isEmpty()) {
          continue;
        }
        assertThat(line).endsWith(r.value() + " " + r.unit());
        int valueEnd = line.length() - r.unit().length() - 1;
        if (column < 0) {
          column = valueEnd;
        }
        assertThat(valueEnd).as(line).isEqualTo(column);
      }
    }
  }

  @Test
  void markdownTablesHaveTheSameColumnCountOnEveryRow() throws Exception {
    String md = MarkdownExporter.render(ExportFixture.plan(), new ExportContext(false, true, ExportFixture.provenance()));
    int columns = -1;
    for (String line : md.lines().toList()) {
      if (line.startsWith("|")) {
        int n = line.replace("\\|", "").split("\\|", -1).length;
        if (line.startsWith("|---") || columns < 0) {
          columns = columns < 0 || line.startsWith("|---") ? n : columns;
        }
        assertThat(n).as(line).isEqualTo(columns);
      } else {
        columns = -1;
      }
    }
    assertThat(md).contains("## Audit trace", "## Assumptions used", "## GPU resources");
  }

  private static List<Map<String, String>> read(String csv) throws Exception {
    CsvMapper m = new CsvMapper();
    try (MappingIterator<Map<String, String>> it = m.readerFor(Map.class).with(CsvSchema.emptySchema().withHeader()).readValues(csv)) {
      List<Map<String, String>> out = new java.util.ArrayList<>();
      while (it.hasNext()) {
        out.add(it.next());
      }
      return out;
    }
  }
}
