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
    Map<String, Object> fields = new java.util.LinkedHashMap<>();
    fields.put(BatchTable.REASON, reason(plan));
    fields.putAll(BatchTable.planFields(plan));
    return new BatchRow(job.source(), job.sweepValues(), plan.verdict(), null, fields);
  }

  /** Why a plan is not ok: the rules' verdict finding (null for an ok plan). */
  static String reason(LLMCapacityPlan plan) {
    if ("ok".equals(plan.verdict())) {
      return null;
    }
    java.util.Optional<String> finding = plan.findings() == null ? java.util.Optional.empty()
        : plan.findings().stream().filter(f -> "verdict".equals(f.kind())).map(f -> f.message()
            + (f.fix() == null ? "" : "; fix: " + f.fix())).findFirst();
    return finding.orElse(plan.verdict() + " (the rules gave no reason)");
  }

  static BatchRow failed(BatchJob job, String error) {
    Map<String, Object> fields = new java.util.LinkedHashMap<>();
    fields.put(BatchTable.REASON, null);
    fields.putAll(BatchTable.planFields(null));
    return new BatchRow(job.source(), job.sweepValues(), ERROR, error, fields);
  }
}
