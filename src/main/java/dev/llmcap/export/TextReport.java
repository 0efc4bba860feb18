package dev.llmcap.export;

import dev.llmcap.engine.Fmt;
import dev.llmcap.model.LLMCapacityPlan;
import dev.llmcap.model.LLMCapacityPlan.GpuOption;
import dev.llmcap.model.LLMCapacityPlan.PlanFinding;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The terminal report: the answer first, then grouped sections with aligned values and units; colour only on a TTY. */
public final class TextReport {
  private final boolean colour;
  private final StringBuilder sb = new StringBuilder();

  private TextReport(boolean colour) {
    this.colour = colour;
  }

  /** Renders a plan; explain appends the audit trace and where each input came from. */
  public static String render(LLMCapacityPlan p, boolean colour, boolean explain, Map<String, String> provenance) {
    TextReport r = new TextReport(colour);
    r.plan(p, explain, provenance);
    return r.sb.toString();
  }

  private void plan(LLMCapacityPlan p, boolean explain, Map<String, String> provenance) {
    String status = "ok".equals(p.verdict()) ? green("OK") : "sla_miss".equals(p.verdict()) ? yellow("SLA MISS") : red("INFEASIBLE");
    String service = p.service() == null || p.service().getServiceId() == null ? "" : " for " + p.service().getServiceId();
    line(bold("llmcap inference plan" + service) + "  [" + status + "]");
    for (String h : p.headline()) {
      line(h);
    }
    line("");
    List<ReportSections.Section> sections = ReportSections.of(p);
    int labelWidth = 0;
    int valueWidth = 8;
    for (ReportSections.Section s : sections) {
      for (ReportSections.Row r : s.rows()) {
        labelWidth = Math.max(labelWidth, r.label().length());
        if (!r.text()) {
          valueWidth = Math.max(valueWidth, r.value().length());
        }
      }
    }
    for (ReportSections.Section s : sections) {
      section(s.title());
      for (ReportSections.Row r : s.rows()) {
        String label = String.format(Locale.ROOT, "  %-" + labelWidth + "s  ", r.label());
        if (r.text()) {
          line((label + r.value()).replaceAll("\\s+$", ""));
        } else {
          line(String.format(Locale.ROOT, "%s%" + valueWidth + "s %s", label, r.value(), r.unit()).replaceAll("\\s+$", ""));
        }
      }
    }
    if (!p.findings().isEmpty()) {
      section("Findings");
      for (PlanFinding f : p.findings()) {
        line("  - " + f.kind() + (f.scope() == null || f.scope().isEmpty() ? "" : " [" + f.scope() + "]") + ": " + f.message());
        if (f.fix() != null) {
          line("      fix: " + f.fix());
        }
      }
    }
    if (p.gpuOptions() != null && p.gpuOptions().size() > 1) {
      section("GPU options (per verdict: calibrated GPUs first, each cheapest first; whole instances)");
      line(String.format(Locale.ROOT, "  %-4s %-16s %-10s %8s %10s %10s %14s  %-24s %5s %4s  %s", "rank", "gpu", "verdict", "GPUs/rep",
          "replicas", "TTFT P99", "USD/month", "instance", "inst", "idle", "efficiencies"));
      for (GpuOption o : p.gpuOptions()) {
        line(String.format(Locale.ROOT, "  %-4d %-16s %-10s %8s %10s %10s %14s  %-24s %5s %4s  %s", o.rank(), o.gpu(), o.verdict(),
            o.gpusPerReplica() == null ? "-" : o.gpusPerReplica(),
            o.minReplicas() == null ? "-" : o.minReplicas() + "-" + o.maxReplicas(),
            o.ttftP99Ms() == null ? "-" : Fmt.n(o.ttftP99Ms()), o.monthlyTotalCost() == null ? "-" : money(o.monthlyTotalCost()),
            o.instanceType() == null ? "-" : o.instanceType(), o.instances() == null ? "-" : o.instances(),
            o.idleGpus() == null ? "-" : o.idleGpus(), o.calibration() == null ? "-" : o.calibration()));
        if (!"ok".equals(o.verdict())) {
          line("       " + o.reason());
        }
      }
    }
    TraceText.write(p.rules(), p.trace(), provenance, explain, this::section, this::line);
  }

  private void section(String title) {
    line("");
    line(bold(title));
  }

  private void line(String s) {
    sb.append(s).append('\n');
  }

  private static String money(Double v) {
    return ReportSections.money(v);
  }

  private String bold(String s) { return Styles.paint(colour, Styles.BOLD, s); }
  private String green(String s) { return Styles.paint(colour, Styles.GREEN, s); }
  private String yellow(String s) { return Styles.paint(colour, Styles.YELLOW, s); }
  private String red(String s) { return Styles.paint(colour, Styles.RED, s); }

}
