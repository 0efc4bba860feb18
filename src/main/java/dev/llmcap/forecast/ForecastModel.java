package dev.llmcap.forecast;

/** A forecasting method that can be fitted to a regular series. */
public interface ForecastModel {

  /** Short name used in backtest tables and results. */
  String name();

  /** Smallest history this model can be fitted to. */
  int minimumHistory();

  /**
   * Fits the model to equally spaced values (oldest first).
   *
   * @throws ForecastException when the model does not apply to these values (e.g. too short, or
   *     non-positive values for multiplicative seasonality)
   */
  FittedModel fit(double[] history) throws ForecastException;
}
