package dev.llmcap.export;

import dev.llmcap.engine.TraceEntry;
import java.util.List;

/** Finds, in a plan's audit trace, the rule that concluded a named quantity (for "from rule ..." notes in exports). */
final class TraceRules {
  private TraceRules() {}

  /** The rule that concluded {@code name} for {@code scope}, or a note that the trace was left out. */
  static String ruleFor(List<TraceEntry> trace, String scope, String name) {
    if (trace == null) {
      return "(audit trace left out: rerun without --no-trace to name the rule)";
    }
    String prefix = name + " = ";
    for (TraceEntry e : trace) {
      if (e.getConclusion().startsWith(prefix) && (e.getScope().equals(scope) || e.getScope().isEmpty())) {
        return e.getRule();
      }
    }
    return "(no rule concluded " + name + ")";
  }
}
