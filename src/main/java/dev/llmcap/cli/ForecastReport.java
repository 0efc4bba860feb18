package dev.llmcap.cli;

import dev.llmcap.engine.ForecastScenarios;
import dev.llmcap.forecast.CleanedSeries;
import dev.llmcap.forecast.ForecastResult;
import dev.llmcap.forecast.ReplanDecision;
import dev.llmcap.forecast.TraceSummary;
import dev.llmcap.model.LLMCapacityPlan;
import java.util.List;

/**
 * Everything the forecast command found, for the JSON and text renderers. Sections that do not apply are null
 * (no history: no forecast; no model: no plan; no budget; no previous forecast).
 */
record ForecastReport(
    String metric,
    String unit,
    String serviceId,
    List<String> sources,
    String scenario,
    CleanedSeries history,
    ForecastResult forecast,
    ForecastScenarios.Result scenarios,
    String traceFile,
    TraceSummary trace,
    PlanAt plan,
    ForecastCapacity.Inputs planInputs,
    List<MonthRow> monthly,
    Budget budget,
    ReplanDecision replan,
    List<String> notes) {

  /** The capacity plan at a rate and where the rate came from. */
  record PlanAt(double rate, String rateFrom, String timestamp, LLMCapacityPlan plan) {}

  /** One calendar month of the horizon: the chosen scenario's peak and total, and the plan at that peak. */
  record MonthRow(String month, int periods, Double peak, Double total, String gpu, Integer replicas, Integer gpus,
      Double monthlyCost, String currency, String verdict, Boolean overBudget) {}

  /**
   * The budget comparison.
   *
   * @param basis what is compared (plan cost at each month's peak, or the forecast monthly total)
   * @param firstExceeded first month over budget, or null
   */
  record Budget(double amount, String currency, String basis, String firstExceeded, String verdict) {}
}
