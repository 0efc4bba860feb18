package dev.llmcap.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmcap.config.Json;
import dev.llmcap.engine.ForecastScenarios;
import dev.llmcap.engine.TraceEntry;
import dev.llmcap.forecast.BacktestRow;
import dev.llmcap.forecast.BacktestTable;
import dev.llmcap.forecast.CleaningReport;
import dev.llmcap.forecast.ForecastPoint;
import dev.llmcap.forecast.ForecastResult;
import dev.llmcap.forecast.TraceDropReason;
import dev.llmcap.forecast.TraceSummary;
import dev.llmcap.forecast.TokenStats;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The forecast command's JSON: {@code forecast} (one entry per period with the bounds and every scenario value), then
 * {@code model}, {@code backtest}, {@code cleaning}, {@code scenarios}, {@code peak}, {@code trace}, {@code plan_basis},
 * {@code plan},
 * {@code monthly}, {@code budget}, {@code replan} and {@code notes}. Non-finite numbers are written as null.
 */
final class ForecastReportJson {
  private ForecastReportJson() {}

  static String write(ForecastReport r, boolean explain) {
    ObjectMapper m = Json.shared();
    ObjectNode root = m.createObjectNode();
    root.put("metric", r.metric());
    root.put("unit", r.unit());
    if (r.serviceId() != null) {
      root.put("service_id", r.serviceId());
    }
    ArrayNode src = root.putArray("sources");
    r.sources().forEach(src::add);
    root.put("scenario", r.scenario());
    ForecastResult f = r.forecast();
    ArrayNode list = root.putArray("forecast");
    if (f != null) {
      ForecastScenarios.Result s = r.scenarios();
      for (int i = 0; i < f.points().size(); i++) {
        ForecastPoint p = f.points().get(i);
        ObjectNode e = list.addObject();
        e.put("timestamp", p.timestamp().toString());
        num(e, "baseline", p.baseline());
        num(e, "lower_80", p.lower80());
        num(e, "upper_80", p.upper80());
        num(e, "lower_95", p.lower95());
        num(e, "upper_95", p.upper95());
        for (String name : ForecastScenarios.NAMES) {
          if (!name.equals("baseline")) {
            num(e, name, s.values().get(name)[i]);
          }
        }
      }
      ObjectNode model = root.putObject("model");
      model.put("chosen", f.model());
      model.put("parameters", f.modelParameters());
      model.put("interval", f.interval().toString());
      model.put("interval_seconds", f.interval().toSeconds());
      model.put("seasonal_period", f.seasonalPeriod());
      model.put("horizon_periods", f.points().size());
      root.set("backtest", backtest(m, f.backtest()));
      root.set("cleaning", cleaning(m, r.history().report()));
      ObjectNode sc = root.putObject("scenarios");
      sc.put("planned", r.scenario());
      sc.put("spike_start", s.spikeStart() >= 0 && s.spikeStart() < f.points().size()
          ? f.points().get(s.spikeStart()).timestamp().toString() : null);
      sc.put("spike_start_index", s.spikeStart());
      sc.put("spike_periods", s.spikePeriods());
      num(sc, "spike_multiplier", s.spikeMultiplier());
      ArrayNode used = sc.putArray("assumptions");
      s.assumptionsUsed().stream().filter(a -> a.getName().startsWith("forecast."))
          .sorted((a, b) -> a.getName().compareTo(b.getName()))
          .forEach(a -> {
            ObjectNode o = used.addObject();
            o.put("name", a.getName());
            if (a.getNumber() != null) {
              o.put("value", a.getNumber());
            } else {
              o.put("text", a.getText());
            }
            o.put("description", a.getDescription());
            o.put("source", a.getSource());
          });
      if (explain) {
        sc.set("trace", m.valueToTree(summaryTrace(s.trace())));
      }
      ObjectNode peak = root.putObject("peak");
      peak.put("scenario", r.scenario());
      Double pv = s.peaks().get(r.scenario());
      num(peak, "value", pv);
      Integer pi = s.peakIndex().get(r.scenario());
      peak.put("timestamp", pi == null ? null : f.points().get(pi).timestamp().toString());
      ObjectNode by = peak.putObject("by_scenario");
      for (String name : ForecastScenarios.NAMES) {
        ObjectNode o = by.putObject(name);
        num(o, "value", s.peaks().get(name));
        Integer idx = s.peakIndex().get(name);
        o.put("timestamp", idx == null ? null : f.points().get(idx).timestamp().toString());
      }
      ArrayNode notes = model.putArray("notes");
      f.notes().forEach(notes::add);
    }
    if (r.trace() != null) {
      root.set("trace", trace(m, r.traceFile(), r.trace()));
    }
    if (r.plan() != null) {
      ObjectNode plan = root.putObject("plan_basis");
      num(plan, "planned_rps", r.plan().rate());
      plan.put("planned_rps_from", r.plan().rateFrom());
      if (r.plan().timestamp() != null) {
        plan.put("at", r.plan().timestamp());
      }
      ForecastCapacity.Inputs in = r.planInputs();
      if (in != null) {
        num(plan, "peak_multiplier", in.peakMultiplier());
        plan.put("peak_multiplier_from", in.peakMultiplierFrom());
        if (in.inputTokens() != null) {
          plan.put("avg_input_tokens", in.inputTokens());
        }
        plan.put("avg_input_tokens_from", in.inputTokensFrom());
        if (in.outputTokens() != null) {
          plan.put("avg_output_tokens", in.outputTokens());
        }
        plan.put("avg_output_tokens_from", in.outputTokensFrom());
      }
      root.set("plan", m.valueToTree(r.plan().plan()));
    }
    ArrayNode monthly = root.putArray("monthly");
    for (ForecastReport.MonthRow row : r.monthly()) {
      ObjectNode o = monthly.addObject();
      o.put("month", row.month());
      o.put("periods", row.periods());
      num(o, "peak", row.peak());
      num(o, "total", row.total());
      if (row.verdict() != null) {
        o.put("gpu", row.gpu());
        o.put("replicas", row.replicas());
        o.put("gpus", row.gpus());
        num(o, "monthly_cost", row.monthlyCost());
        o.put("currency", row.currency());
        o.put("verdict", row.verdict());
      }
      if (row.overBudget() != null) {
        o.put("over_budget", row.overBudget());
      }
    }
    if (r.budget() != null) {
      ObjectNode b = root.putObject("budget");
      num(b, "amount", r.budget().amount());
      b.put("currency", r.budget().currency());
      b.put("compared", r.budget().basis());
      b.put("first_exceeded", r.budget().firstExceeded());
      b.put("exceeded", r.budget().firstExceeded() != null);
      b.put("verdict", r.budget().verdict());
    }
    if (r.replan() != null) {
      ObjectNode p = root.putObject("replan");
      p.put("replan", r.replan().replan());
      p.put("compared_points", r.replan().comparedPoints());
      num(p, "mean_abs_pct_deviation", r.replan().meanAbsPctDeviation());
      num(p, "threshold_pct", r.replan().thresholdPct());
      p.put("message", r.replan().message());
    }
    ArrayNode notes = root.putArray("notes");
    r.notes().forEach(notes::add);
    try {
      return m.writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("forecast cannot be written as JSON: " + e.getOriginalMessage(), e);
    }
  }

  private static List<String> summaryTrace(List<TraceEntry> trace) {
    return trace.stream().filter(t -> t.getScope() == null || t.getScope().isEmpty() || t.getScope().startsWith("month:"))
        .map(t -> t.getRule() + ": " + t.getConclusion() + " (" + t.getFormula() + ")").toList();
  }

  private static ObjectNode backtest(ObjectMapper m, BacktestTable t) {
    ObjectNode o = m.createObjectNode();
    o.put("origins", t.origins());
    o.put("horizon", t.horizon());
    o.put("seasonal_period", t.seasonalPeriod());
    o.put("chosen", t.chosen());
    ArrayNode rows = o.putArray("rows");
    for (BacktestRow r : t.rows()) {
      ObjectNode row = rows.addObject();
      row.put("model", r.model());
      num(row, "mape_pct", r.mape());
      num(row, "mase", r.mase());
      num(row, "mae", r.mae());
      row.put("origins", r.origins());
      if (!r.note().isEmpty()) {
        row.put("note", r.note());
      }
    }
    return o;
  }

  private static ObjectNode cleaning(ObjectMapper m, CleaningReport c) {
    ObjectNode o = m.createObjectNode();
    o.put("input_points", c.inputPoints());
    o.put("output_points", c.outputPoints());
    o.put("interval", c.interval() == null ? null : c.interval().toString());
    o.put("was_unsorted", c.wasUnsorted());
    o.put("duplicate_timestamps_merged", c.duplicateTimestampsMerged());
    o.put("off_grid_points_snapped", c.offGridPointsSnapped());
    o.put("short_gaps", c.shortGaps());
    o.put("short_gap_points_interpolated", c.shortGapPointsInterpolated());
    o.put("long_gaps", c.longGaps());
    o.put("long_gap_points_filled", c.longGapPointsFilled());
    o.put("longest_gap", c.longestGap() == null ? null : c.longestGap().toString());
    o.put("negatives_clipped", c.negativesClipped());
    o.put("outliers_flagged", c.outliersFlagged());
    o.put("outliers_replaced", c.outliersReplaced());
    ArrayNode msgs = o.putArray("messages");
    c.messages().forEach(msgs::add);
    return o;
  }

  private static ObjectNode trace(ObjectMapper m, String file, TraceSummary t) {
    ObjectNode o = m.createObjectNode();
    o.put("file", file);
    o.put("interval_seconds", t.interval().toSeconds());
    o.put("rows", t.totalRows());
    o.put("kept", t.keptRequests());
    o.put("dropped", t.droppedTotal());
    ObjectNode d = o.putObject("dropped_by_reason");
    for (Map.Entry<TraceDropReason, Long> e : t.dropped().entrySet()) {
      d.put(e.getKey().name().toLowerCase(Locale.ROOT), e.getValue());
    }
    ObjectNode ex = o.putObject("dropped_examples");
    t.droppedExamples().forEach((k, v) -> ex.put(k.name().toLowerCase(Locale.ROOT), v));
    o.put("complete_intervals", t.rps().size());
    o.put("requests_in_partial_interval", t.requestsInPartialInterval());
    num(o, "mean_rps", t.meanRps());
    num(o, "p99_rps", t.p99Rps());
    num(o, "max_rps", t.maxRps());
    num(o, "peak_multiplier", t.peakMultiplier());
    num(o, "max_over_mean", t.maxOverMean());
    o.set("input_tokens", tokens(m, t.inputTokens()));
    o.set("output_tokens", tokens(m, t.outputTokens()));
    return o;
  }

  private static ObjectNode tokens(ObjectMapper m, TokenStats s) {
    ObjectNode o = m.createObjectNode();
    num(o, "mean", s.mean());
    num(o, "p50", s.p50());
    num(o, "p90", s.p90());
    num(o, "p99", s.p99());
    num(o, "max", s.max());
    return o;
  }

  private static void num(ObjectNode o, String key, Double v) {
    if (v == null || !Double.isFinite(v)) {
      o.putNull(key);
    } else {
      o.put(key, v);
    }
  }
}
