package dev.llmcap.cli;

import dev.llmcap.engine.ForecastScenarios;
import dev.llmcap.forecast.ForecastPoint;
import dev.llmcap.forecast.ForecastResult;
import dev.llmcap.model.LLMCapacityPlan;
import java.util.List;
import java.util.Locale;

/** The forecast command's text report: the answer first (peak, capacity at the peak, budget, re-plan), then the tables. */
final class ForecastReportText {
  /** Forecast periods listed in text (the JSON has them all). */
  static final int PERIODS_SHOWN = 24;

  private ForecastReportText() {}

  static String render(ForecastReport r, boolean explain) {
    StringBuilder sb = new StringBuilder();
    ForecastResult f = r.forecast();
    ForecastScenarios.Result s = r.scenarios();
    String what = r.metric() + (r.serviceId() == null ? "" : " of " + r.serviceId());
    if (f != null) {
      List<ForecastPoint> pts = f.points();
      line(sb, "Forecast of %s: %d periods of %s, %s to %s, model %s", what, pts.size(), f.interval(),
          pts.get(0).timestamp(), pts.get(pts.size() - 1).timestamp(), f.model());
      Integer at = s.peakIndex().get(r.scenario());
      line(sb, "Peak (%s scenario): %s %s at %s", r.scenario(), num(s.peaks().get(r.scenario())), r.unit(),
          at == null ? "?" : pts.get(at).timestamp());
      StringBuilder others = new StringBuilder();
      for (String name : ForecastScenarios.NAMES) {
        others.append(others.length() == 0 ? "" : ", ").append(name).append(' ').append(num(s.peaks().get(name)));
      }
      line(sb, "  peaks by scenario: %s", others);
    } else if (r.trace() != null) {
      line(sb, "Request trace %s: mean %s req/s, peak multiplier %s (p99 per-%ds rate / mean), no history to forecast",
          r.traceFile(), num(r.trace().meanRps()), num(r.trace().peakMultiplier()), r.trace().interval().toSeconds());
    }
    if (r.plan() != null) {
      LLMCapacityPlan p = r.plan().plan();
      line(sb, "Capacity at %s req/s (%s), peak multiplier %s (%s):", num(r.plan().rate()), r.plan().rateFrom(),
          num(r.planInputs().peakMultiplier()), r.planInputs().peakMultiplierFrom());
      line(sb, "  tokens per request: input %s (%s), output %s (%s)", r.planInputs().inputTokens(),
          r.planInputs().inputTokensFrom(), r.planInputs().outputTokens(), r.planInputs().outputTokensFrom());
      if (p.headline() != null) {
        p.headline().forEach(h -> line(sb, "  %s", h));
      }
      line(sb, "  verdict: %s", p.verdict());
    }
    if (r.budget() != null) {
      line(sb, "Budget: %s (%s)", r.budget().verdict(), r.budget().basis());
    }
    if (r.replan() != null) {
      line(sb, "Re-plan: %s", r.replan().message());
    }
    for (String n : r.notes()) {
      line(sb, "Note: %s", n);
    }
    if (!r.monthly().isEmpty()) {
      sb.append('\n');
      line(sb, "Per month (%s scenario)", r.scenario());
      boolean planned = r.monthly().get(0).verdict() != null;
      if (planned) {
        line(sb, "  %-8s %7s %12s %-12s %8s %6s %14s %-10s %s", "month", "periods", "peak req/s", "gpu", "replicas", "gpus",
            "cost/month", "verdict", "budget");
      } else {
        line(sb, "  %-8s %7s %14s %16s %s", "month", "periods", "peak", "total", "budget");
      }
      for (ForecastReport.MonthRow m : r.monthly()) {
        String b = m.overBudget() == null ? "" : m.overBudget() ? "OVER" : "ok";
        if (planned) {
          line(sb, "  %-8s %7d %12s %-12s %8s %6s %14s %-10s %s", m.month(), m.periods(), num(m.peak()), dash(m.gpu()),
              dash(m.replicas()), dash(m.gpus()), m.monthlyCost() == null ? "n/a"
                  : num(m.monthlyCost()) + (m.currency() == null ? "" : " " + m.currency()), dash(m.verdict()), b);
        } else {
          line(sb, "  %-8s %7d %14s %16s %s", m.month(), m.periods(), num(m.peak()), num(m.total()), b);
        }
      }
    }
    if (f != null) {
      sb.append('\n').append(f.backtest().format()).append('\n');
      for (String n : f.notes()) {
        line(sb, "  note: %s", n);
      }
      sb.append('\n');
      line(sb, "Cleaning");
      r.history().report().describe().forEach(l -> line(sb, "  %s", l));
      sb.append('\n');
      line(sb, "Scenarios: spike x%s over %d period(s) from %s; rules/forecast/scenarios.drl, assumptions forecast.*",
          num(s.spikeMultiplier()), s.spikePeriods(),
          s.spikeStart() >= 0 && s.spikeStart() < f.points().size() ? f.points().get(s.spikeStart()).timestamp() : "?");
      int shown = Math.min(PERIODS_SHOWN, f.points().size());
      line(sb, "Forecast (first %d of %d periods; --format json lists all)", shown, f.points().size());
      line(sb, "  %-22s %12s %12s %12s %12s %12s %12s %12s", "timestamp", "baseline", "lower_80", "upper_80", "lower_95",
          "upper_95", "pessimistic", "spike");
      for (int i = 0; i < shown; i++) {
        ForecastPoint p = f.points().get(i);
        line(sb, "  %-22s %12s %12s %12s %12s %12s %12s %12s", p.timestamp(), num(p.baseline()), num(p.lower80()),
            num(p.upper80()), num(p.lower95()), num(p.upper95()), num(s.values().get("pessimistic")[i]),
            num(s.values().get("spike")[i]));
      }
    }
    if (r.trace() != null) {
      sb.append('\n');
      line(sb, "Trace %s", r.traceFile());
      r.trace().describe().forEach(l -> line(sb, "  %s", l));
    }
    if (explain && s != null) {
      sb.append('\n');
      line(sb, "Scenario rules (plan-wide and monthly conclusions)");
      s.trace().stream().filter(t -> t.getScope() == null || t.getScope().isEmpty() || t.getScope().startsWith("month:"))
          .forEach(t -> line(sb, "  [%s] %s = %s", t.getRule(), t.getConclusion(), t.getFormula()));
    }
    return sb.toString();
  }

  private static String dash(Object o) {
    return o == null ? "-" : o.toString();
  }

  private static void line(StringBuilder sb, String fmt, Object... args) {
    sb.append(String.format(Locale.ROOT, fmt, args)).append('\n');
  }

  static String num(Double v) {
    if (v == null || !Double.isFinite(v)) {
      return "n/a";
    }
    double a = Math.abs(v);
    if (a >= 1000) {
      return String.format(Locale.ROOT, "%,.0f", v);
    }
    return String.format(Locale.ROOT, a >= 10 ? "%.1f" : "%.3f", v);
  }
}
