package dev.llmcap.export;

import java.io.IOException;
import java.util.List;

/**
 * One output format for one kind of plan. {@code P} is the plan type it writes ({@code LLMCapacityPlan} for
 * inference; a training plan exporter implements the same interface for its own record), so the registry can pick
 * the writer that matches both the format asked for and the plan in hand.
 */
public interface PlanExporter<P> {
  /** Format name as given to --format, e.g. "csv". */
  String format();

  /** File extensions (lower case, no dot) that select this format from an --output name; the first is preferred. */
  List<String> extensions();

  /** The plan type this exporter writes. */
  Class<P> planType();

  /** True when the output is not text (it must not be printed to a terminal). */
  default boolean binary() {
    return false;
  }

  /** The plan in this format; text formats are UTF-8. */
  byte[] export(P plan, ExportContext context) throws IOException;
}
