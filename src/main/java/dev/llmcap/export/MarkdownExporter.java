package dev.llmcap.export;

import dev.llmcap.engine.Fmt;
import dev.llmcap.engine.TraceEntry;
import dev.llmcap.model.LLMCapacityPlan;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Markdown: the terminal report's content as headings and tables, plus the assumptions used. */
public final class MarkdownExporter implements PlanExporter<LLMCapacityPlan> {
  @Override public String format() { return "md"; }
  @Override public List<String> extensions() { return List.of("md", "markdown"); }
  @Override public Class<LLMCapacityPlan> planType() { return LLMCapacityPlan.class; }

  @Override
  public byte[] export(LLMCapacityPlan p, ExportContext context) {
    return render(p, context).getBytes(StandardCharsets.UTF_8);
  }

  /** The Markdown text. */
  public static String render(LLMCapacityPlan p, ExportContext context) {
    StringBuilder md = new StringBuilder();
    String service = p.service() == null || p.service().getServiceId() == null ? "" : ": " + p.service().getServiceId();
    md.append("# llmcap inference plan").append(esc(service)).append("\n\n");
    md.append("**Verdict: ").append(verdict(p.verdict())).append("**\n\n");
    for (String h : p.headline()) {
      md.append("- ").append(esc(h)).append('\n');
    }
    for (ReportSections.Section s : ReportSections.of(p)) {
      md.append("\n## ").append(esc(s.title())).append("\n\n");
      md.append("| Item | Value | Unit |\n|---|---:|---|\n");
      for (ReportSections.Row r : s.rows()) {
        md.append("| ").append(esc(r.label().strip())).append(" | ").append(esc(r.value())).append(" | ").append(esc(r.unit())).append(" |\n");
      }
    }
    if (!p.findings().isEmpty()) {
      md.append("\n## Findings\n\n");
      for (LLMCapacityPlan.PlanFinding f : p.findings()) {
        md.append("- **").append(esc(f.kind())).append("**").append(f.scope() == null || f.scope().isEmpty() ? "" : " [" + esc(f.scope()) + "]")
            .append(": ").append(esc(f.message())).append('\n');
        if (f.fix() != null) {
          md.append("  - fix: ").append(esc(f.fix())).append('\n');
        }
      }
    }
    if (p.gpuOptions() != null && p.gpuOptions().size() > 1) {
      md.append("\n## GPU options (cheapest first)\n\n");
      md.append("| Rank | GPU | Verdict | GPUs/replica | Replicas | TTFT P99 (ms) | USD/month | Note |\n|---:|---|---|---:|---:|---:|---:|---|\n");
      for (LLMCapacityPlan.GpuOption o : p.gpuOptions()) {
        md.append("| ").append(o.rank()).append(" | ").append(esc(o.gpu())).append(" | ").append(o.verdict()).append(" | ")
            .append(o.gpusPerReplica() == null ? "-" : o.gpusPerReplica()).append(" | ")
            .append(o.minReplicas() == null ? "-" : o.minReplicas() + "-" + o.maxReplicas()).append(" | ")
            .append(o.ttftP99Ms() == null ? "-" : Fmt.n(o.ttftP99Ms())).append(" | ").append(ReportSections.money(o.monthlyTotalCost()))
            .append(" | ").append("ok".equals(o.verdict()) ? "" : esc(o.reason())).append(" |\n");
      }
    }
    if (p.assumptions() != null && !p.assumptions().isEmpty()) {
      md.append("\n## Assumptions used\n\n| Name | Value | Unit | Source |\n|---|---:|---|---|\n");
      for (LLMCapacityPlan.AssumptionUsed a : p.assumptions()) {
        md.append("| ").append(esc(a.name())).append(" | ").append(a.value() != null ? Fmt.n(a.value()) : esc(a.text())).append(" | ")
            .append(esc(a.unit())).append(" | ").append(esc(a.source())).append(" |\n");
      }
    }
    md.append("\n## Rules\n\n");
    md.append("`").append(p.rules().folder()).append("` (sha256 `").append(p.rules().sha256(), 0, 12).append("`, ")
        .append(p.rules().files().size()).append(" files)\n");
    if (context.explain()) {
      md.append("\n## Inputs\n\n| Input | From |\n|---|---|\n");
      context.provenance().forEach((k, v) -> md.append("| ").append(esc(k)).append(" | ").append(esc(v)).append(" |\n"));
      if (p.trace() != null) {
        md.append("\n## Audit trace\n\n| Step | Rule | Scope | Conclusion | Formula |\n|---:|---|---|---|---|\n");
        for (TraceEntry e : p.trace()) {
          md.append("| ").append(e.getStep()).append(" | ").append(esc(e.getRule())).append(" | ").append(esc(e.getScope())).append(" | ")
              .append(esc(e.getConclusion())).append(" | ").append(esc(e.getFormula())).append(" |\n");
        }
      }
    }
    return md.toString();
  }

  private static String verdict(String v) {
    return "ok".equals(v) ? "OK, meets the latency targets" : "sla_miss".equals(v) ? "SLA MISS" : "INFEASIBLE";
  }

  /** Escapes the characters that would break a table cell or start markup. */
  static String esc(String s) {
    if (s == null) {
      return "";
    }
    return s.replace("\\", "\\\\").replace("|", "\\|").replace("*", "\\*").replace("\n", " ");
  }
}
