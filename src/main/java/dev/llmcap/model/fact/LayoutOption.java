package dev.llmcap.model.fact;

/**
 * One of the fastest layouts of a training run on its planned cluster, as the layout-search rule ranked them (rank 1 is
 * the one chosen): its name (TP8,PP16,DP64,...), sharding, predicted step seconds, peak memory per GPU, whether it keeps
 * the global batch, and its largest overhead term.
 */
public record LayoutOption(String gpu, int rank, String layout, String sharding, double stepSeconds, double peakGb, boolean keepsBatch,
    String largestOverhead) {}
