package dev.llmcap.forecast;

import java.util.Locale;

/** The usage metrics a history file may carry, with their default units. */
public enum MetricName {
  RPS("rps", "requests/sec", true),
  TPS("tps", "tokens/sec", true),
  TTFT_MS("ttft_ms", "ms", false),
  ITL_MS("itl_ms", "ms", false),
  GPU_UTILIZATION("gpu_utilization", "percent", false);

  private final String code;
  private final String defaultUnit;
  private final boolean rate;

  MetricName(String code, String defaultUnit, boolean rate) {
    this.code = code;
    this.defaultUnit = defaultUnit;
    this.rate = rate;
  }

  /** The snake_case name used in files. */
  public String code() {
    return code;
  }

  public String defaultUnit() {
    return defaultUnit;
  }

  /** True for rate metrics, where a negative value is impossible and is clipped to zero. */
  public boolean isRate() {
    return rate;
  }

  /** Looks a metric up by its file name (case-insensitive); null when unknown. */
  public static MetricName fromCode(String code) {
    String c = code.trim().toLowerCase(Locale.ROOT);
    for (MetricName m : values()) {
      if (m.code.equals(c)) {
        return m;
      }
    }
    return null;
  }
}
