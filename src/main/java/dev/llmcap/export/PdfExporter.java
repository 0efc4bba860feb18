package dev.llmcap.export;

import dev.llmcap.engine.Fmt;
import dev.llmcap.engine.TraceEntry;
import dev.llmcap.model.LLMCapacityPlan;
import java.awt.Color;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jfree.chart.JFreeChart;

/**
 * PDF (FR-5.4): a two-to-three page report a manager can read: the answer, the key figures, a memory chart, a
 * latency-vs-load chart, the cost breakdown, the GPU options, the assumptions and a summary of the audit trace.
 * Written with PDFBox; charts by JFreeChart, embedded as lossless images.
 */
public final class PdfExporter implements PlanExporter<LLMCapacityPlan> {
  /** Chart image size in points and pixel scale (2 px per point). */
  static final int CHART_W = 500;
  static final int MEMORY_H = 125;
  static final int LATENCY_H = 205;
  static final int MIN_LATENCY_H = 150;
  static final int SCALE = 2;
  /** GPU options listed in the PDF (the rest are in the other formats). */
  static final int MAX_OPTIONS = 8;

  @Override public String format() { return "pdf"; }
  @Override public List<String> extensions() { return List.of("pdf"); }
  @Override public Class<LLMCapacityPlan> planType() { return LLMCapacityPlan.class; }
  @Override public boolean binary() { return true; }

  @Override
  public byte[] export(LLMCapacityPlan p, ExportContext context) throws IOException {
    String service = p.service() == null || p.service().getServiceId() == null ? "LLM serving" : p.service().getServiceId();
    try (PdfLayout pdf = new PdfLayout("Capacity plan: " + service)) {
      pdf.newPage();
      String model = p.model() == null ? "" : p.model().displayName() + ", " + p.modelConfig().getPrecision() + " weights";
      String workload = p.workloadInput() == null ? "" : "; " + (p.workloadInput().getRequestsPerSecond() == null
          ? p.workloadInput().getConcurrency() + " users (closed loop), "
          : Fmt.n(p.workloadInput().getRequestsPerSecond()) + " req/s mean x " + Fmt.n(p.workloadInput().getPeakLoadMultiplier()) + " peak, ") + p.workloadInput().getAvgInputTokens() + " in / "
          + p.workloadInput().getAvgOutputTokens() + " out tokens";
      pdf.title("Capacity plan: " + service, model + workload);
      Color accent = "ok".equals(p.verdict()) ? new Color(0x2E7D32) : "sla_miss".equals(p.verdict()) ? new Color(0xE69500) : new Color(0xC00000);
      List<String> answer = new ArrayList<>();
      String first = p.headline().get(0);
      answer.add(first.startsWith("INFEASIBLE") ? first : verdictWord(p.verdict()) + ": " + first);
      answer.addAll(p.headline().subList(1, p.headline().size()));
      pdf.answer(answer, accent);
      if (p.gpuResources().minGpusPerReplica() == null) {
        findings(pdf, p);
        return pdf.finish(footer(p));
      }
      pdf.heading("Key figures");
      pdf.table(keyFigures(p), new float[] {3, 2, 3}, new boolean[] {false, true, false}, 9);
      PlanCharts.memory(p).ifPresent(c -> chart(pdf, c, MEMORY_H));

      // the latency chart shrinks (down to MIN_LATENCY_H) to stay on the first page with the answer
      int latencyH = (int) Math.max(MIN_LATENCY_H, Math.min(LATENCY_H, pdf.remaining() - 30 - 8 - 20));
      pdf.heading("Latency against load", latencyH);
      PlanCharts.latency(p).ifPresent(c -> chart(pdf, c, latencyH));
      pdf.paragraph("From rule \"" + TraceRules.ruleFor(p.trace(), p.gpuResources().recommendedGpuType(), "ttft_p99_ms_at_load_50")
          + "\".", 7.5f, Color.DARK_GRAY);
      if (p.cost() != null) {
        pdf.heading("Monthly cost (" + p.cost().currency() + ", " + p.cost().cloud() + (p.cost().region() == null ? "" : " " + p.cost().region()) + ")");
        pdf.table(costRows(p.cost()), new float[] {4, 2, 4}, new boolean[] {false, true, false}, 9);
      }
      if (p.gpuOptions() != null && p.gpuOptions().size() > 1) {
        pdf.heading("GPU options (cheapest first)");
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"#", "GPU", "verdict", "GPUs/replica", "replicas", "TTFT P99 ms", "USD/month"});
        for (LLMCapacityPlan.GpuOption o : p.gpuOptions().subList(0, Math.min(MAX_OPTIONS, p.gpuOptions().size()))) {
          rows.add(new String[] {String.valueOf(o.rank()), o.gpu(), o.verdict(), o.gpusPerReplica() == null ? "-" : o.gpusPerReplica().toString(),
              o.minReplicas() == null ? "-" : o.minReplicas() + "-" + o.maxReplicas(), o.ttftP99Ms() == null ? "-" : Fmt.n(o.ttftP99Ms()),
              ReportSections.money(o.monthlyTotalCost())});
        }
        pdf.table(rows, new float[] {0.5f, 2, 1.5f, 1.3f, 1.2f, 1.4f, 1.6f}, new boolean[] {true, false, false, true, true, true, true}, 8.5f);
        if (p.gpuOptions().size() > MAX_OPTIONS) {
          pdf.paragraph((p.gpuOptions().size() - MAX_OPTIONS) + " more candidate GPU types in the text, Markdown and JSON exports.", 8, Color.DARK_GRAY);
        }
      }
      findings(pdf, p);
      assumptions(pdf, p);
      traceSummary(pdf, p);
      return pdf.finish(footer(p));
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  /** The charts this report embeds, in order (for tests and for looking at them). */
  public static List<JFreeChart> charts(LLMCapacityPlan p) {
    List<JFreeChart> out = new ArrayList<>();
    PlanCharts.memory(p).ifPresent(out::add);
    PlanCharts.latency(p).ifPresent(out::add);
    return out;
  }

  private static void chart(PdfLayout pdf, JFreeChart c, int h) {
    try {
      float w = Math.min(CHART_W, pdf.width());
      pdf.image(PlanCharts.image(c, CHART_W, h, SCALE), w, h * w / CHART_W);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<String[]> keyFigures(LLMCapacityPlan p) {
    var g = p.gpuResources();
    var t = p.throughput();
    var s = p.scaling();
    var m = p.modelConfig();
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"Figure", "Value", "Note"});
    rows.add(new String[] {"GPU type", g.recommendedGpuType(), "TP " + g.tensorParallel() + " x PP " + g.pipelineParallel()});
    rows.add(new String[] {"GPUs per replica", String.valueOf(g.minGpusPerReplica()), ""});
    rows.add(new String[] {"Replicas (min - max)", g.minReplicas() + " - " + g.maxReplicas(), g.totalGpus() + " GPUs at peak"});
    rows.add(new String[] {"GPU memory per replica", ReportSections.n(g.gpuMemoryPerReplicaGb()) + " GB",
        "of " + ReportSections.n(g.gpuMemoryProvisionedGb()) + " GB usable"});
    rows.add(new String[] {"Capacity / planned load per replica", ReportSections.n(t.rpsCapacityPerReplica()) + " / "
        + ReportSections.n(t.usableRpsPerReplica()) + " req/s", "batch " + g.recommendedBatchSize() + " sequences"});
    rows.add(new String[] {"TTFT P50 / P99 at peak", ReportSections.n(t.ttftP50Ms()) + " / " + ReportSections.n(t.ttftP99Ms()) + " ms",
        target(m == null ? null : m.getTargetLatencyP50Ms(), m == null ? null : m.getTargetLatencyP99Ms())});
    rows.add(new String[] {"Inter-token latency mean / P99", ReportSections.n(t.estimatedItlMs()) + " / " + ReportSections.n(t.itlP99Ms()) + " ms",
        m == null || m.getTargetItlMs() == null ? "" : "target " + Fmt.n(m.getTargetItlMs()) + " ms"});
    rows.add(new String[] {"Utilisation at peak", ReportSections.pct(t.utilizationAtPeak()), "meets latency SLA: "
        + (t.meetsLatencySla() == null ? "-" : t.meetsLatencySla() ? "yes" : "NO")});
    rows.add(new String[] {"Scale out at", s.autoScaleQueueDepthThreshold() + " waiting / " + ReportSections.pct(s.autoScaleKvCacheUsageThreshold())
        + " KV", "or GPU util " + ReportSections.n(s.autoScaleGpuUtilThreshold()) + "%, TTFT P99 " + ReportSections.n(s.autoScaleLatencyThresholdMs()) + " ms"});
    rows.add(new String[] {"Cold start / scale-down window", ReportSections.n(s.coldStartS()) + " / " + ReportSections.n(s.scaleDownStabilizationS()) + " s", ""});
    if (p.cost() != null && p.cost().monthlyTotalCost() != null) {
      rows.add(new String[] {"Monthly cost", ReportSections.money(p.cost().monthlyTotalCost()), ReportSections.money(p.cost().costPerMillionTokens())
          + " per 1M tokens"});
    }
    rows.add(new String[] {"Storage / egress bandwidth", ReportSections.n(p.storage().totalStorageGb()) + " GB / "
        + ReportSections.n(p.network().bandwidthOutMbps()) + " Mbit/s", p.network().recommendedLoadBalancers() + " load balancers"});
    return rows;
  }

  private static String target(Double p50, Double p99) {
    if (p50 == null && p99 == null) {
      return "no target given";
    }
    return "target " + (p50 == null ? "-" : Fmt.n(p50)) + " / " + (p99 == null ? "-" : Fmt.n(p99)) + " ms";
  }

  private static List<String[]> costRows(LLMCapacityPlan.Cost c) {
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"Item", "USD/month", "Basis"});
    if (c.monthlyGpuCost() == null) {
      rows.add(new String[] {"GPUs", "-", "no list price for this GPU in this cloud"});
      return rows;
    }
    rows.add(new String[] {"GPUs (expected replica mix)", ReportSections.money(c.monthlyGpuCost()), ReportSections.money(c.gpuHourlyUsd())
        + " per GPU-hour (" + c.instanceType() + "); " + ReportSections.money(c.monthlyGpuCostAtMinReplicas()) + " at min, "
        + ReportSections.money(c.monthlyGpuCostAtMaxReplicas()) + " at max replicas"});
    rows.add(new String[] {"Storage", ReportSections.money(c.monthlyStorageCost()), "model, caches, logs"});
    rows.add(new String[] {"Egress", ReportSections.money(c.monthlyNetworkCost()), "streamed responses"});
    rows.add(new String[] {"Load balancers", ReportSections.money(c.monthlyLoadBalancerCost()), ""});
    rows.add(new String[] {"Total", ReportSections.money(c.monthlyTotalCost()), "price date: " + c.priceDate()});
    return rows;
  }

  private static void findings(PdfLayout pdf, LLMCapacityPlan p) throws IOException {
    // the recommendation and the verdict are the answer box already; the model's provenance is in the JSON
    List<LLMCapacityPlan.PlanFinding> shown = p.findings().stream()
        .filter(f -> !"model".equals(f.kind()) && !"recommendation".equals(f.kind()) && !"verdict".equals(f.kind())).toList();
    if (shown.isEmpty()) {
      return;
    }
    pdf.heading("Findings");
    for (LLMCapacityPlan.PlanFinding f : shown) {
      pdf.paragraph("- " + f.kind() + (f.scope() == null || f.scope().isEmpty() ? "" : " [" + f.scope() + "]") + ": " + f.message()
          + (f.fix() == null ? "" : " Fix: " + f.fix()), 8.5f, Color.BLACK);
    }
  }

  private static void assumptions(PdfLayout pdf, LLMCapacityPlan p) throws IOException {
    if (p.assumptions() == null || p.assumptions().isEmpty()) {
      return;
    }
    pdf.heading("Assumptions used (rules/assumptions.json; override with --set NAME=VALUE)");
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"Assumption", "Value", "Unit", "Meaning (full text and sources in the JSON export)"});
    float[] cols = {3.2f, 1.1f, 1.3f, 6};
    float meaningWidth = pdf.width() * cols[3] / (cols[0] + cols[1] + cols[2] + cols[3]) - 6;
    for (LLMCapacityPlan.AssumptionUsed a : p.assumptions()) {
      if (a.name().contains("@")) {
        continue; // per-GPU/precision overrides of the candidates: the JSON export lists them; the trace shows the one used
      }
      rows.add(new String[] {a.name(), a.value() != null ? Fmt.n(a.value()) : a.text(), a.unit() == null ? "" : a.unit(),
          pdf.fit(a.description(), 7, meaningWidth)});
    }
    pdf.table(rows, cols, new boolean[] {false, true, false, false}, 7);
  }

  private static void traceSummary(PdfLayout pdf, LLMCapacityPlan p) throws IOException {
    pdf.heading("How the figures were derived");
    String gpu = p.gpuResources().recommendedGpuType();
    if (p.trace() == null) {
      pdf.paragraph("The audit trace was left out of this run (--no-trace).", 8.5f, Color.BLACK);
    } else {
      Set<String> rules = new LinkedHashSet<>();
      Set<String> scopes = new LinkedHashSet<>();
      for (TraceEntry e : p.trace()) {
        rules.add(e.getRule());
        if (!e.getScope().isEmpty()) {
          scopes.add(e.getScope());
        }
      }
      pdf.paragraph(p.trace().size() + " conclusions by " + rules.size() + " rules over " + scopes.size()
          + " candidate GPU types; the full trace is in the JSON export (--format json) and in --explain. Key figures:", 8.5f, Color.BLACK);
      List<String[]> rows = new ArrayList<>();
      rows.add(new String[] {"Figure", "Rule", "Formula"});
      for (String q : List.of("gpus_per_replica", "min_replicas", "max_replicas", "replica_rps_capacity", "usable_rps_per_replica",
          "ttft_p99_ms", "auto_scale_queue_depth_threshold", "cold_start_s", "monthly_total_cost")) {
        p.trace().stream().filter(e -> e.getConclusion().startsWith(q + " = ") && (e.getScope().equals(gpu) || e.getScope().isEmpty()))
            .findFirst().ifPresent(e -> rows.add(new String[] {e.getConclusion(), e.getRule(), e.getFormula()}));
      }
      if (rows.size() > 1) {
        pdf.table(rows, new float[] {2.6f, 3.2f, 5}, new boolean[] {false, false, false}, 7);
      }
    }
    pdf.paragraph("Rules: " + p.rules().folder() + " (sha256 " + p.rules().sha256().substring(0, 12) + ", " + p.rules().files().size()
        + " files).", 8, Color.DARK_GRAY);
  }

  private static String footer(LLMCapacityPlan p) {
    return "llmcap capacity plan" + (p.rules() == null ? "" : ", rules sha256 " + p.rules().sha256().substring(0, 12));
  }

  private static String verdictWord(String v) {
    return "ok".equals(v) ? "OK" : "sla_miss".equals(v) ? "SLA MISS" : "INFEASIBLE";
  }

  /** Carries an IOException out of a lambda. */
  private static final class UncheckedIOException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UncheckedIOException(IOException e) {
      super(e);
    }

    @Override
    public synchronized IOException getCause() {
      return (IOException) super.getCause();
    }
  }
}
