package dev.llmcap.engine;

import dev.llmcap.model.fact.Finding;
import dev.llmcap.model.fact.ForecastPeriod;
import dev.llmcap.model.fact.Quantity;
import dev.llmcap.model.fact.ScenarioRequest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the scenario rules (rules/forecast) over a forecast: one {@link ForecastPeriod} fact per period and a
 * {@link ScenarioRequest}; reads back each scenario's value per period, its peak and its per-month peak and total.
 * Every number is a rule conclusion; this class only inserts facts and reads them back.
 */
public final class ForecastScenarios {
  /** The scenarios the rules derive, in report order. */
  public static final List<String> NAMES = List.of("baseline", "optimistic", "pessimistic", "spike");
  private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("yyyy-MM").withZone(ZoneOffset.UTC);

  private final RuleBase rules;
  private final Assumptions assumptions;

  public ForecastScenarios(RuleBase rules, Assumptions assumptions) {
    this.rules = rules;
    this.assumptions = assumptions;
  }

  /** One forecast period as plain numbers (the caller's forecast point). */
  public record Period(Instant timestamp, double baseline, double lower80, double upper80, double lower95, double upper95) {}

  /** A calendar month of the horizon: each scenario's peak and total over the periods of the month in the horizon. */
  public record Month(String month, int periods, Map<String, Double> peak, Map<String, Double> total) {}

  /**
   * What the rules concluded.
   *
   * @param values scenario name to one value per period
   * @param peaks scenario name to its highest value over the horizon
   * @param peakIndex scenario name to the first period holding that peak
   * @param spikeStart first period of the spike window
   * @param spikePeriods length of the spike window in periods
   * @param spikeMultiplier factor applied inside the window
   * @param errors error findings (e.g. an assumption naming no forecast bound)
   * @param trace the rule trace of the session
   */
  public record Result(Map<String, double[]> values, Map<String, Double> peaks, Map<String, Integer> peakIndex,
      List<Month> months, int spikeStart, int spikePeriods, double spikeMultiplier, List<String> errors,
      List<TraceEntry> trace, List<dev.llmcap.model.fact.Assumption> assumptionsUsed) {}

  public Result run(List<Period> periods, ScenarioRequest request) throws RuleSetException {
    List<Object> facts = new ArrayList<>();
    facts.add(request);
    String previousMonth = null;
    List<String> months = new ArrayList<>();
    for (int i = 0; i < periods.size(); i++) {
      Period p = periods.get(i);
      String month = MONTH.format(p.timestamp());
      boolean first = !month.equals(previousMonth);
      if (first) {
        months.add(month);
      }
      previousMonth = month;
      facts.add(new ForecastPeriod(i, p.timestamp().toString(), month, first, p.baseline(), p.lower80(), p.upper80(),
          p.lower95(), p.upper95()));
    }
    SessionResult r = new PlanSession(rules, assumptions).run(facts, List.of(), List.of(), "forecast", true);
    List<String> errors = new ArrayList<>();
    for (Finding f : r.findings(Quantity.GLOBAL, true)) {
      if ("error".equals(f.getKind())) {
        errors.add(f.getMessage() + (f.getFix().isEmpty() ? "" : " (fix: " + f.getFix() + ")"));
      }
    }
    Map<String, double[]> values = new LinkedHashMap<>();
    Map<String, Double> peaks = new LinkedHashMap<>();
    Map<String, Integer> peakIndex = new LinkedHashMap<>();
    for (String s : NAMES) {
      double[] v = new double[periods.size()];
      boolean complete = true;
      for (int i = 0; i < v.length; i++) {
        Double x = r.value(String.valueOf(i), s);
        complete &= x != null;
        v[i] = x == null ? Double.NaN : x;
      }
      if (!complete && errors.isEmpty()) {
        errors.add("the scenario rules gave no " + s + " value for every period (check rules/forecast)");
      }
      values.put(s, v);
      Double peak = r.value(Quantity.GLOBAL, "peak." + s);
      peaks.put(s, peak);
      if (peak != null) {
        for (int i = 0; i < v.length; i++) {
          if (v[i] == peak) {
            peakIndex.put(s, i);
            break;
          }
        }
      }
    }
    List<Month> monthList = new ArrayList<>();
    for (String m : months) {
      String scope = "month:" + m;
      Map<String, Double> peak = new LinkedHashMap<>();
      Map<String, Double> total = new LinkedHashMap<>();
      for (String s : NAMES) {
        peak.put(s, r.value(scope, "peak." + s));
        total.put(s, r.value(scope, "total." + s));
      }
      Double n = r.value(scope, "periods");
      monthList.add(new Month(m, n == null ? 0 : n.intValue(), peak, total));
    }
    Double start = r.value(Quantity.GLOBAL, "spike_start_index");
    Double len = r.value(Quantity.GLOBAL, "spike_periods");
    Double mult = r.value(Quantity.GLOBAL, "spike_multiplier");
    return new Result(values, peaks, peakIndex, monthList, start == null ? -1 : start.intValue(),
        len == null ? 0 : len.intValue(), mult == null ? Double.NaN : mult, errors, r.trace(), r.assumptionsUsed());
  }
}
