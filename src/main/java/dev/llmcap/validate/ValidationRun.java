package dev.llmcap.validate;

import java.util.List;

/** The outcome of scoring a measurements file: one score per measured metric, and every row that could not be scored. */
public record ValidationRun(List<Score> scores, List<Skip> skips) {
  /** Mean squared log error over all scores (0 when there are none). */
  public double meanSquaredLogError() {
    return scores.stream().mapToDouble(Score::squaredLogError).average().orElse(0.0);
  }
}
