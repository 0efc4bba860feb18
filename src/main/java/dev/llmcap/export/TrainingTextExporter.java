package dev.llmcap.export;

import dev.llmcap.model.TrainingCapacityPlan;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The terminal report of a training plan ({@link TrainingTextReport}) as a format. */
public final class TrainingTextExporter implements PlanExporter<TrainingCapacityPlan> {
  @Override public String format() { return "text"; }
  @Override public List<String> extensions() { return List.of("txt", "text"); }
  @Override public Class<TrainingCapacityPlan> planType() { return TrainingCapacityPlan.class; }

  @Override
  public byte[] export(TrainingCapacityPlan plan, ExportContext context) {
    return TrainingTextReport.render(plan, context.colour(), context.explain(), context.provenance()).getBytes(StandardCharsets.UTF_8);
  }
}
