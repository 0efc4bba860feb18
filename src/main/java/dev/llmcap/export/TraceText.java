package dev.llmcap.export;

import dev.llmcap.engine.TraceEntry;
import dev.llmcap.model.LLMCapacityPlan.RulesInfo;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/** The closing sections every terminal report shares: which rules made the plan and, with --explain, inputs and trace. */
final class TraceText {
  private TraceText() {}

  static void write(RulesInfo rules, List<TraceEntry> trace, Map<String, String> provenance, boolean explain,
      Consumer<String> section, Consumer<String> line) {
    section.accept("Rules");
    line.accept("  " + rules.folder() + " (sha256 " + rules.sha256().substring(0, 12) + ", " + rules.files().size() + " files)");
    if (!explain) {
      return;
    }
    section.accept("Inputs");
    provenance.forEach((k, v) -> line.accept("  " + k + ": " + v));
    section.accept("Audit trace (rule -> conclusion = formula; inputs; assumptions)");
    if (trace == null) {
      return;
    }
    for (TraceEntry e : trace) {
      line.accept(String.format(Locale.ROOT, "%4d. [%s]%s %s", e.getStep(), e.getRule(),
          e.getScope().isEmpty() ? "" : " " + e.getScope(), e.getConclusion()));
      if (!e.getFormula().isEmpty()) {
        line.accept("        = " + e.getFormula());
      }
      for (String a : e.getAssumptions()) {
        line.accept("        assumption " + a);
      }
    }
  }
}
