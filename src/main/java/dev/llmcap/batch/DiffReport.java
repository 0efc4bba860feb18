package dev.llmcap.batch;

import dev.llmcap.config.InputException;
import dev.llmcap.engine.LLMForecastEngine;
import dev.llmcap.engine.RuleSetException;
import dev.llmcap.model.LLMCapacityPlan;
import dev.llmcap.model.PlanRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Runs the rule-change diff of a batch (each config planned with the old and the new rules) and renders it as text,
 * CSV (one row per changed field, one row for an unchanged or failed config), JSONL or JSON (one object per config).
 */
public final class DiffReport {
  /** Status of a config whose plans differ. */
  public static final String CHANGED = "changed";
  /** Status of a config whose plans are the same. */
  public static final String UNCHANGED = "unchanged";

  private DiffReport() {}

  /** Plans one job with both engines and compares the results. */
  public static DiffRow diffOne(LLMForecastEngine oldRules, LLMForecastEngine newRules, BatchJob job) {
    PlanRequest request;
    try {
      request = job.request();
    } catch (InputException | RuntimeException | StackOverflowError | AssertionError e) {
      return new DiffRow(job.source(), job.sweepValues(), BatchRow.ERROR, BatchRunner.withoutSource(BatchRunner.errorMessage(e), job.source()), List.of());
    }
    LLMCapacityPlan oldPlan;
    LLMCapacityPlan newPlan;
    List<String> errors = new ArrayList<>();
    oldPlan = planOrNull(oldRules, request, "old rules", errors);
    newPlan = planOrNull(newRules, request, "new rules", errors);
    if (!errors.isEmpty()) {
      return new DiffRow(job.source(), job.sweepValues(), BatchRow.ERROR, String.join("; ", errors), List.of());
    }
    List<RuleDiff.Change> changes = RuleDiff.compare(oldPlan, newPlan);
    return new DiffRow(job.source(), job.sweepValues(), changes.isEmpty() ? UNCHANGED : CHANGED, null, changes);
  }

  private static LLMCapacityPlan planOrNull(LLMForecastEngine engine, PlanRequest request, String which, List<String> errors) {
    try {
      return engine.plan(request, Map.of(), false);
    } catch (InputException | RuleSetException | RuntimeException | StackOverflowError | AssertionError e) {
      errors.add(which + ": " + BatchRunner.errorMessage(e));
      return null;
    }
  }

  /** Column names of the CSV form. */
  public static List<String> columns(Sweep sweep) {
    List<String> cols = new ArrayList<>();
    cols.add("source");
    cols.addAll(sweep.columns());
    cols.addAll(List.of("status", "error", "field", "old", "new", "change_pct"));
    return cols;
  }

  /** Renders the diff as text, csv, jsonl or json. */
  public static String render(String format, List<DiffRow> rows, Sweep sweep) {
    switch (format) {
      case "text": return text(rows, sweep);
      case "csv": return BatchTable.csv(columns(sweep), flatRows(rows, sweep));
      case "jsonl": return BatchTable.jsonl(objects(rows, sweep));
      case "json": return BatchTable.json(objects(rows, sweep));
      default: throw new IllegalArgumentException("unknown diff format " + format);
    }
  }

  private static Map<String, Object> head(DiffRow r, Sweep sweep) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("source", r.source());
    List<String> cols = sweep.columns();
    for (int i = 0; i < cols.size(); i++) {
      m.put(cols.get(i), r.sweepValues().get(i));
    }
    m.put("status", r.status());
    m.put("error", r.error());
    return m;
  }

  private static List<Map<String, Object>> flatRows(List<DiffRow> rows, Sweep sweep) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (DiffRow r : rows) {
      if (r.changes().isEmpty()) {
        out.add(head(r, sweep));
        continue;
      }
      for (RuleDiff.Change c : r.changes()) {
        Map<String, Object> m = head(r, sweep);
        m.put("field", c.field());
        m.put("old", c.oldValue());
        m.put("new", c.newValue());
        m.put("change_pct", c.changePct());
        out.add(m);
      }
    }
    return out;
  }

  private static List<Map<String, Object>> objects(List<DiffRow> rows, Sweep sweep) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (DiffRow r : rows) {
      Map<String, Object> m = head(r, sweep);
      List<Map<String, Object>> changes = new ArrayList<>();
      for (RuleDiff.Change c : r.changes()) {
        Map<String, Object> x = new LinkedHashMap<>();
        x.put("field", c.field());
        x.put("old", c.oldValue());
        x.put("new", c.newValue());
        x.put("change_pct", c.changePct());
        changes.add(x);
      }
      m.put("changes", changes);
      out.add(m);
    }
    return out;
  }

  private static String text(List<DiffRow> rows, Sweep sweep) {
    StringBuilder sb = new StringBuilder();
    for (DiffRow r : rows) {
      String label = BatchSummary.label(new BatchRow(r.source(), r.sweepValues(), r.status(), r.error(), Map.of()), sweep);
      if (BatchRow.ERROR.equals(r.status())) {
        sb.append(label).append(": error: ").append(r.error()).append('\n');
      } else if (r.changes().isEmpty()) {
        sb.append(label).append(": unchanged\n");
      } else {
        sb.append(label).append(": ").append(r.changes().size()).append(" field(s) changed\n");
        for (RuleDiff.Change c : r.changes()) {
          sb.append("  ").append(c.field()).append(": ").append(show(c.oldValue())).append(" -> ").append(show(c.newValue()));
          if (c.changePct() != null) {
            sb.append(" (").append(c.changePct() >= 0 ? "+" : "").append(BatchTable.text(c.changePct())).append("%)");
          }
          sb.append('\n');
        }
      }
    }
    return sb.toString();
  }

  private static String show(Object v) {
    return v == null ? "(none)" : BatchTable.text(v);
  }

  /** Summary lines: configs in, rows out, counts by status and the fields that changed most often. */
  public static List<String> summary(int configsIn, List<DiffRow> rows) {
    int changed = 0;
    int unchanged = 0;
    int errors = 0;
    Map<String, Integer> fieldCounts = new TreeMap<>();
    for (DiffRow r : rows) {
      switch (r.status()) {
        case CHANGED: changed++; break;
        case UNCHANGED: unchanged++; break;
        default: errors++;
      }
      r.changes().forEach(c -> fieldCounts.merge(c.field(), 1, Integer::sum));
    }
    List<String> out = new ArrayList<>();
    out.add("llmcap batch: rule-change diff: " + configsIn + " configs in, " + rows.size() + " rows out: " + changed + " changed, "
        + unchanged + " unchanged, " + errors + " error");
    if (!fieldCounts.isEmpty()) {
      List<Map.Entry<String, Integer>> top = new ArrayList<>(fieldCounts.entrySet());
      top.sort((a, b) -> b.getValue().equals(a.getValue()) ? a.getKey().compareTo(b.getKey()) : b.getValue() - a.getValue());
      List<String> shown = new ArrayList<>();
      for (Map.Entry<String, Integer> e : top.subList(0, Math.min(10, top.size()))) {
        shown.add(e.getKey() + " (" + e.getValue() + ")");
      }
      out.add("  fields changed most often: " + String.join(", ", shown) + (top.size() > 10 ? " ... " + (top.size() - 10) + " more" : ""));
    }
    return out;
  }
}
