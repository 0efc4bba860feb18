package dev.llmcap.forecast;

/** Checked failure of the forecasting library, carrying a message fit to show a user. */
public class ForecastException extends Exception {
  private static final long serialVersionUID = 1L;

  public ForecastException(String message) {
    super(message);
  }

  public ForecastException(String message, Throwable cause) {
    super(message, cause);
  }
}
