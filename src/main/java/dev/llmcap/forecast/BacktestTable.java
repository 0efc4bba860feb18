package dev.llmcap.forecast;

import java.util.List;
import java.util.Locale;

/** Rolling-origin backtest results of all candidates and the one chosen (lowest MASE). */
public record BacktestTable(int origins, int horizon, int seasonalPeriod, List<BacktestRow> rows, String chosen) {

  public BacktestTable {
    rows = List.copyOf(rows);
  }

  /** The row of the named model, or null. */
  public BacktestRow row(String model) {
    return rows.stream().filter(r -> r.model().equals(model)).findFirst().orElse(null);
  }

  /** The row of the chosen model. */
  public BacktestRow chosenRow() {
    return row(chosen);
  }

  /** A fixed-width text table. */
  public String format() {
    int w = Math.max(10, rows.stream().mapToInt(r -> r.model().length()).max().orElse(10));
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "Rolling-origin backtest: %d origin(s), horizon %d steps, MASE scaled by "
        + "in-sample seasonal-naive MAE (m=%d)%n", origins, horizon, seasonalPeriod));
    sb.append(String.format(Locale.ROOT, "  %-" + w + "s %9s %8s %12s %7s  %s%n", "model", "MAPE%", "MASE", "MAE", "origins", ""));
    for (BacktestRow r : rows) {
      sb.append(String.format(Locale.ROOT, "%s %-" + w + "s %9s %8s %12s %7d  %s%n",
          r.model().equals(chosen) ? "*" : " ", r.model(), num(r.mape(), "%.2f"), num(r.mase(), "%.3f"),
          num(r.mae(), "%.4g"), r.origins(), r.note()));
    }
    sb.append("  chosen: ").append(chosen);
    return sb.toString();
  }

  private static String num(double v, String fmt) {
    return Double.isFinite(v) ? String.format(Locale.ROOT, fmt, v) : "n/a";
  }

  @Override
  public String toString() {
    return format();
  }
}
