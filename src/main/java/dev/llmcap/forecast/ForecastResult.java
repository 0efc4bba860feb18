package dev.llmcap.forecast;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Output of {@link Forecaster}: one point per future period, the chosen model and its fitted
 * parameters, the backtest table, the forecast peak, the cleaning report and notes on decisions
 * taken (e.g. a fall-back to non-seasonal models).
 */
public record ForecastResult(
    List<ForecastPoint> points,
    Duration interval,
    int seasonalPeriod,
    String model,
    String modelParameters,
    BacktestTable backtest,
    double peakValue,
    Instant peakTime,
    double peakUpper95,
    CleaningReport cleaning,
    ForecastConfig config,
    List<String> notes) {

  public ForecastResult {
    points = List.copyOf(points);
    notes = List.copyOf(notes);
  }

  public double[] baseline() {
    return points.stream().mapToDouble(ForecastPoint::baseline).toArray();
  }
}
