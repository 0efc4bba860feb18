package dev.llmcap.model.fact;

import java.util.Locale;

/** One forecast period offered to the scenario rules: its position, time, calendar month and the forecast with its bounds. */
public final class ForecastPeriod {
  private final int index;
  private final String timestamp;
  private final String month;
  private final boolean firstOfMonth;
  private final double baseline;
  private final double lower80;
  private final double upper80;
  private final double lower95;
  private final double upper95;

  public ForecastPeriod(int index, String timestamp, String month, boolean firstOfMonth, double baseline,
      double lower80, double upper80, double lower95, double upper95) {
    this.index = index;
    this.timestamp = timestamp;
    this.month = month;
    this.firstOfMonth = firstOfMonth;
    this.baseline = baseline;
    this.lower80 = lower80;
    this.upper80 = upper80;
    this.lower95 = lower95;
    this.upper95 = upper95;
  }

  /** 0-based position in the horizon. */
  public int getIndex() { return index; }
  /** The index as text: the scope of the per-period scenario quantities. */
  public String getKey() { return String.valueOf(index); }
  /** ISO-8601 UTC instant. */
  public String getTimestamp() { return timestamp; }
  /** Calendar month (UTC) as yyyy-MM. */
  public String getMonth() { return month; }
  /** True for the first period of its month within the horizon. */
  public boolean isFirstOfMonth() { return firstOfMonth; }
  public double getBaseline() { return baseline; }
  public double getLower80() { return lower80; }
  public double getUpper80() { return upper80; }
  public double getLower95() { return lower95; }
  public double getUpper95() { return upper95; }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "period %d (%s): baseline %.6g, 80%% [%.6g, %.6g], 95%% [%.6g, %.6g]",
        index, timestamp, baseline, lower80, upper80, lower95, upper95);
  }
}
