package dev.llmcap.validate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/** Median and 90th-percentile absolute % error per metric, overall and per engine, engine regime, GPU and model. */
public final class ErrorSummary {
  /** One line of the summary: a group (dimension and key), a metric and its error statistics. */
  public record Line(String dimension, String key, String metric, int count, double medianAbsPct, double p90AbsPct) {}

  private ErrorSummary() {}

  /**
   * Summary lines, in a fixed order: all, dense rows and MoE rows (when both kinds are present), then by engine, regime,
   * GPU and model; metrics in the order output tokens/s, TTFT, ITL.
   */
  public static List<Line> of(List<Score> scores) {
    List<Line> out = new ArrayList<>();
    add(out, scores, "all", s -> "all");
    if (scores.stream().anyMatch(Score::moe) && scores.stream().anyMatch(s -> !s.moe())) {
      add(out, scores.stream().filter(s -> !s.moe()).toList(), "all", s -> Score.DENSE_ROWS);
      add(out, scores.stream().filter(Score::moe).toList(), "all", s -> Score.MOE_ROWS);
    }
    add(out, scores, "engine", s -> s.engine().isEmpty() ? "unknown engine" : s.engine());
    add(out, scores, "regime", ErrorSummary::regime);
    add(out, scores, "gpu", Score::gpu);
    add(out, scores, "model", Score::model);
    return out;
  }

  /** The engine and load regime of a score, e.g. "TensorRT-LLM offline". */
  public static String regime(Score s) {
    return (s.engine().isEmpty() ? "unknown engine" : s.engine()) + " " + s.regime();
  }

  private static void add(List<Line> out, List<Score> scores, String dimension, Function<Score, String> key) {
    Map<String, Map<String, List<Double>>> groups = new TreeMap<>();
    for (Score s : scores) {
      groups.computeIfAbsent(key.apply(s), k -> new TreeMap<>(ErrorSummary::metricOrder))
          .computeIfAbsent(s.metric(), k -> new ArrayList<>()).add(Math.abs(s.errorPct()));
    }
    groups.forEach((k, byMetric) -> byMetric.forEach((metric, errs) ->
        out.add(new Line(dimension, k, metric, errs.size(), percentile(errs, 0.5), percentile(errs, 0.9)))));
  }

  static int metricOrder(String a, String b) {
    List<String> order = List.of(Score.OUTPUT_TOK_S, Score.TTFT_MS, Score.ITL_MS, Score.TTFT_P50_MS, Score.TTFT_P99_MS,
        Score.ITL_P50_MS, Score.ITL_P99_MS, Score.SERVER_RPS, Score.TTFT_P50_MS + Score.AT_GOODPUT, Score.TTFT_P99_MS + Score.AT_GOODPUT,
        Score.ITL_P50_MS + Score.AT_GOODPUT, Score.ITL_P99_MS + Score.AT_GOODPUT);
    int ia = order.indexOf(a);
    int ib = order.indexOf(b);
    if (ia < 0 || ib < 0) {
      return ia == ib ? a.compareTo(b) : ia < 0 ? 1 : -1;
    }
    return Integer.compare(ia, ib);
  }

  /** Percentile by linear interpolation between closest ranks (q in [0, 1]); NaN for no values. */
  public static double percentile(List<Double> values, double q) {
    if (values.isEmpty()) {
      return Double.NaN;
    }
    double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
    Arrays.sort(v);
    double pos = q * (v.length - 1);
    int lo = (int) Math.floor(pos);
    int hi = (int) Math.ceil(pos);
    return v[lo] + (v[hi] - v[lo]) * (pos - lo);
  }

  /** The line of a group and metric, if any. */
  public static java.util.Optional<Line> find(List<Line> lines, String dimension, String key, String metric) {
    return lines.stream().filter(l -> l.dimension().equals(dimension) && l.key().equals(key) && l.metric().equals(metric)).findFirst();
  }
}
