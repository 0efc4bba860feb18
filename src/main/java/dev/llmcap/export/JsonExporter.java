package dev.llmcap.export;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** JSON (FR-5.1): the plan with its trace, written by {@link PlanJson}; works for any plan record. */
public final class JsonExporter implements PlanExporter<Object> {
  @Override public String format() { return "json"; }
  @Override public List<String> extensions() { return List.of("json"); }
  @Override public Class<Object> planType() { return Object.class; }

  @Override
  public byte[] export(Object plan, ExportContext context) {
    return PlanJson.write(plan).getBytes(StandardCharsets.UTF_8);
  }
}
