package dev.llmcap.forecast;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Exactly what {@link SeriesCleaner} did to a series, as counts, plus plain-language messages
 * (for example why nothing could be done with a one-point history).
 */
public record CleaningReport(
    int inputPoints,
    int outputPoints,
    boolean wasUnsorted,
    int duplicateTimestampsMerged,
    int offGridPointsSnapped,
    Duration interval,
    int shortGaps,
    int shortGapPointsInterpolated,
    int longGaps,
    int longGapPointsFilled,
    Duration longestGap,
    int negativesClipped,
    int outliersFlagged,
    int outliersReplaced,
    List<String> messages) {

  public CleaningReport {
    messages = List.copyOf(messages);
  }

  /** Points in the output that were not observed (interpolated or filled). */
  public int imputedPoints() {
    return shortGapPointsInterpolated + longGapPointsFilled;
  }

  /** One line per action taken, and the messages. */
  public List<String> describe() {
    List<String> out = new ArrayList<>();
    out.add(String.format(Locale.ROOT, "input points: %d, output points: %d, interval: %s",
        inputPoints, outputPoints, interval == null ? "unknown" : interval));
    if (wasUnsorted) {
      out.add("input was not in time order: sorted");
    }
    out.add("duplicate timestamps merged (mean kept): " + duplicateTimestampsMerged);
    out.add("off-grid points snapped to the nearest grid time: " + offGridPointsSnapped);
    out.add(String.format(Locale.ROOT, "short gaps interpolated linearly: %d (%d points)",
        shortGaps, shortGapPointsInterpolated));
    out.add(String.format(Locale.ROOT, "long gaps flagged: %d (%d points, longest %s)",
        longGaps, longGapPointsFilled, longestGap));
    out.add("negative values clipped to 0: " + negativesClipped);
    out.add(String.format(Locale.ROOT, "outliers flagged: %d, replaced: %d", outliersFlagged, outliersReplaced));
    out.addAll(messages);
    return out;
  }

  @Override
  public String toString() {
    return String.join("\n", describe());
  }
}
