package dev.llmcap.export;

import dev.llmcap.model.LLMCapacityPlan;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The terminal report ({@link TextReport}) as a format: colour only when the context asks for it (a TTY). */
public final class TextExporter implements PlanExporter<LLMCapacityPlan> {
  @Override public String format() { return "text"; }
  @Override public List<String> extensions() { return List.of("txt", "text"); }
  @Override public Class<LLMCapacityPlan> planType() { return LLMCapacityPlan.class; }

  @Override
  public byte[] export(LLMCapacityPlan plan, ExportContext context) {
    return TextReport.render(plan, context.colour(), context.explain(), context.provenance()).getBytes(StandardCharsets.UTF_8);
  }
}
