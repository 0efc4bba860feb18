package dev.llmcap.forecast;

/** A model fitted to a history, able to forecast ahead with prediction intervals. */
public interface FittedModel {

  /** Name of the model that produced this fit. */
  String name();

  /** In-sample standard deviation of the one-step-ahead residuals. */
  double residualSd();

  /** Forecast of the next {@code h} steps with 80% and 95% intervals. */
  ModelForecast forecast(int h);

  /** Fitted parameters in readable form. */
  String parameters();
}
