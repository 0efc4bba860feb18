package dev.llmcap.batch;

import dev.llmcap.model.LLMCapacityPlan;
import java.util.List;
import java.util.Map;

/**
 * The result of one configuration of a batch: its source, the swept values it was planned with, a status (ok,
 * sla_miss, infeasible or error), the error message (error rows only) and the plan's key figures (all null for error
 * rows). Only the figures are kept, not the plan, so a batch of many thousand configs stays small in memory.
 */
public record BatchRow(String source, List<String> sweepValues, String status, String error, Map<String, Object> fields) {
  /** Status of a row whose config could not be planned. */
  public static final String ERROR = "error";

  static BatchRow of(BatchJob job, LLMCapacityPlan plan) {
    return new BatchRow(job.source(), job.sweepValues(), plan.verdict(), null, BatchTable.planFields(plan));
  }

  static BatchRow failed(BatchJob job, String error) {
    return new BatchRow(job.source(), job.sweepValues(), ERROR, error, BatchTable.planFields(null));
  }
}
