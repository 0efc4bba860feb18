package dev.llmcap.forecast;

/**
 * Whether actuals have drifted from a previous forecast enough to re-plan.
 *
 * @param comparedPoints timestamps present in both, with a non-zero actual
 * @param meanAbsPctDeviation mean of |actual - forecast| / |actual| * 100 over those points
 */
public record ReplanDecision(
    int comparedPoints, double meanAbsPctDeviation, double thresholdPct, boolean replan, String message) {}
