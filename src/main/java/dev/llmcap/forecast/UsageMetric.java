package dev.llmcap.forecast;

import java.time.Instant;

/** One historical usage observation of a service (the LLMUsageMetric data model). */
public record UsageMetric(
    String serviceId, Instant timestamp, MetricName metricName, double value, String unit) {}
