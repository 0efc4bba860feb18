package dev.llmcap.forecast;

import java.time.Instant;

/** One forecast period: the point forecast and its 80% and 95% prediction bounds. */
public record ForecastPoint(
    Instant timestamp, double baseline, double lower80, double upper80, double lower95, double upper95) {}
